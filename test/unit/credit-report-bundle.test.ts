import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { build } from 'esbuild';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { projectRoot } from '../../local/platform.ts';
import { esbuildOptions } from '../../infra/stack/bundling.ts';
import { CreditFunction } from '../../infra/stack/credit-function.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { synthTimeoutMs } from '../infra/synth.ts';

const outdir = mkdtempSync(join(tmpdir(), 'credit-report-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** A report rendered by code bundled as the function is (ESM, node22, the require banner), from wherever it is run. */
const renderEntry = `
import { writeFileSync } from 'node:fs';
import { renderReportPdf } from './shared/credit-report/render-report-pdf.ts';
import { reportSections } from './shared/credit-report/report-sections.ts';
const content = {
  subject: { name: '郏县赜堉建材商贸有限公司', id: '91410425MA45E8TH52', type: 'uscc' },
  county: { name: '郏县', siteName: '信用郏县', creditOfficeName: '郏县社会信用体系建设领导小组办公室' },
  generatedAt: '2026-11-23T02:00:00.000Z',
  generatedOn: '2026-11-23',
  flags: { incentiveObject: false, punishmentObject: false, punishmentSuspended: false, incentiveBasis: [], punishmentBasis: [] },
  sections: reportSections.map((s) => ({ id: s.id, heading: s.heading, count: 0, items: [] })),
};
const { pdf } = await renderReportPdf(content, '7K3MQ9XD2B8FWT4N');
writeFileSync(process.argv[2], pdf);
`;

describe('the get-credit-report bundle', () => {
  it('carries its fonts beside index.mjs, and renders a Chinese report from there with no node_modules in reach', async () => {
    const app = new App({ outdir, context: featureFlags(), builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'ReportBundleUnderTest');
    const fn = new CreditFunction(stack, 'CreditReport', { declaration: functionNamed('get-credit-report'), county: loadCounty('jiaxian'), logsKey: new Key(stack, 'LogsKey') });
    const assembly = app.synth();
    const code = (assembly.getStackByName('ReportBundleUnderTest').template.Resources as Record<string, any>)[stack.getLogicalId(fn.function.node.defaultChild as never)].Properties.Code;
    const asset = join(outdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);

    const fonts = readdirSync(join(asset, 'fonts'));
    expect(fonts).toEqual(expect.arrayContaining(['noto-sans-sc-chinese-simplified-400-normal.woff', 'noto-sans-sc-119-400-normal.woff', 'unicode.json', 'LICENSE']));
    const megabytes = (dir: string) => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) / 2 ** 20;
    console.log(`get-credit-report asset: index.mjs ${(statSync(join(asset, 'index.mjs')).size / 2 ** 20).toFixed(2)} MB, fonts/ ${fonts.length} files ${megabytes(join(asset, 'fonts')).toFixed(2)} MB`);
    expect(megabytes(join(asset, 'fonts'))).toBeLessThan(8);
    // CDK's esbuild took the alias too: fontkit's WOFF2 decoder is the stub, not brotli's 475 KB.
    expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toContain('brotli is left out');

    // The function's own bundling options (infra/stack/bundling.ts, brotli left out among them), into the asset: fonts are found beside it.
    await build({
      ...esbuildOptions(loadCounty('jiaxian')),
      sourcemap: false,
      stdin: { contents: renderEntry, resolveDir: projectRoot, loader: 'ts', sourcefile: 'render-entry.ts' },
      outfile: join(asset, 'render-check.mjs'),
      logLevel: 'silent',
    });
    const pdfFile = join(asset, 'check.pdf');
    execFileSync(process.execPath, [join(asset, 'render-check.mjs'), pdfFile], { cwd: asset, stdio: 'pipe' });
    expect(existsSync(pdfFile)).toBe(true);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdfFile))), { mergePages: true });
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain('郏县赜堉建材商贸有限公司');
    expect(compact).toContain('一、行政许可（共0条）');
    expect(compact).toContain('7K3M-Q9XD-2B8F-WT4N');
  }, synthTimeoutMs);
});
