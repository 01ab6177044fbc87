import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import ExcelJS from 'exceljs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { handlerEntry } from '../../shared/lambda/declaration.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { bundleFileName, unreachableOnLambda } from '../../infra/stack/bundling.ts';
import { CreditFunction } from '../../infra/stack/credit-function.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb/start-dynamodb-local.ts';
import { buildBundle, fontInputs, importInFreshNode, kb, lambdaLikeEnv, reachedFromOutsideTheChain, unreachableImports, weightByPackage, type HandlerBundle } from '../support/handler-bundles.ts';
import { synthTimeoutMs } from './synth.ts';

/**
 * Minified sizes of representative functions, built with the stack's bundling options
 * (infra/stack/bundling.ts). Sizes are deterministic for a lock file, so they are asserted.
 *
 * The limits are today's sizes with about 3 % headroom, so a regression fails here: get-caller 333.9 KB,
 * run-check 619.9 KB, get-usage-list 477 KB (it carried exceljs, 1.5 MB, until the export became a use case
 * of its own), get-credit-report 1061.7 KB (the PDF function, exempt from the 250 KB goal; 1536.5 KB before brotli was left out). The goal is not
 * met yet, and the floor is known: one bundled SDK client is ~190 KB of SDK runtime (KMS, which every route
 * with a token reaches for person keys), zod ~85 KB, Powertools and middy ~26 KB (npm run bench prints the
 * heaviest packages per function).
 */
const limitsKb: Record<string, number> = {
  'get-caller': 345,
  'run-check': 640,
  'get-usage-list': 495,
  'get-credit-report': 1095,
};

const county = loadCounty('jiaxian');
const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundles', () => {
  const bundles = new Map<string, HandlerBundle>();
  beforeAll(async () => {
    for (const name of Object.keys(limitsKb)) bundles.set(name, await buildBundle(handlerEntry(name), county, join(dir, name)));
  }, 120_000);

  for (const [name, limit] of Object.entries(limitsKb)) {
    it(`${name}: at most ${limit} KB minified, loads alone, no font data inside`, async () => {
      const bundle = bundles.get(name)!;
      const heaviest = weightByPackage(bundle).slice(0, 4).map((p) => `${p.name} ${kb(p.bytes).toFixed(0)}`);
      console.log(`${name}: ${kb(bundle.bytes).toFixed(1)} KB minified, map ${kb(bundle.mapBytes).toFixed(1)} KB (${heaviest.join(', ')} KB)`);
      expect(kb(bundle.bytes)).toBeLessThanOrEqual(limit);
      // Source maps carry mappings and names, not the sources.
      expect(JSON.parse(readFileSync(`${bundle.file}.map`, 'utf8')).sourcesContent).toBeUndefined();
      // The credit report's fonts are files beside its bundle (copied by the stack), never bundled.
      expect(fontInputs(bundle)).toEqual([]);
      // Only the credential chain's lazy imports of the providers are left, and the bundle loads with no
      // node_modules anywhere above it, in a Lambda's environment.
      expect(unreachableImports(bundle).length).toBeGreaterThan(0);
      expect(reachedFromOutsideTheChain(bundle)).toEqual([]);
      expect((await importInFreshNode(bundle.file)).exports).toContain('handler');
    });
  }
});

describe('the credential providers left out', () => {
  let dynamodb: DynamoDbLocal;
  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal({});
  });
  afterAll(() => dynamodb?.stop());

  it('a client on the default chain signs with the environment credentials and calls DynamoDB, from the bundle alone', async () => {
    const bundle = await buildBundle('test/infra/fixtures/default-chain-call.ts', county, join(dir, 'default-chain'));
    expect(unreachableImports(bundle).map((i) => i.path).sort()).toEqual([...unreachableOnLambda].sort());
    expect(Object.keys(bundle.metafile.inputs).some((p) => p.includes('/@aws-sdk/nested-clients/'))).toBe(false);
    const env = lambdaLikeEnv({ AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint });
    const { result } = await importInFreshNode(bundle.file, { env, invoke: { event: {} } });
    expect(result).toEqual({ accessKeyId: env.AWS_ACCESS_KEY_ID, sessionToken: env.AWS_SESSION_TOKEN, tables: expect.any(Array) });
  });

  it('without environment credentials the chain reaches a left-out provider and fails loudly', async () => {
    const bundle = await buildBundle('test/infra/fixtures/default-chain-call.ts', county, join(dir, 'default-chain-no-env'));
    const { AWS_ACCESS_KEY_ID: _, AWS_SECRET_ACCESS_KEY: __, AWS_SESSION_TOKEN: ___, ...env } = lambdaLikeEnv({ AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint });
    await expect(importInFreshNode(bundle.file, { env: { ...env, HOME: dir }, invoke: { event: {} } })).rejects.toThrow(/Cannot find package '@aws-sdk\/credential-provider-ini'/);
  });
});

describe('the usage list\'s workbook from a bundle', () => {
  it('exceljs\'s Workbook module alone writes an XLSX that exceljs reads back', async () => {
    const bundle = await buildBundle('test/infra/fixtures/xlsx-write.ts', county, join(dir, 'xlsx-write'));
    // Not the package index: its streaming reader and writer (unzipper, archiver) stay out.
    const packages = weightByPackage(bundle).map((p) => p.name);
    expect(packages).toContain('exceljs');
    expect(packages).not.toContain('unzipper');
    expect(packages).not.toContain('archiver');
    const { result } = await importInFreshNode(bundle.file, { invoke: { event: {} } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(String(result), 'base64') as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('2026-11');
    expect(sheet.getRow(1).getCell(1).value).toBe('信用信息使用情况清单');
    expect(sheet.getRow(4).values).toEqual([undefined, '某某有限公司', '政府采购']);
  });
});

describe('the bench and the tests build what CDK deploys', () => {
  it('the same bytes as NodejsFunction with the stack bundling options', async () => {
    const outdir = join(dir, 'cdk.out');
    const app = new App({ outdir, context: featureFlags(), builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'BundleParity');
    const fn = new CreditFunction(stack, 'Caller', { declaration: functionNamed('get-caller'), county, logsKey: new Key(stack, 'LogsKey') });
    const assembly = app.synth();
    const code = (assembly.getStackByName('BundleParity').template.Resources as Record<string, any>)[stack.getLogicalId(fn.function.node.defaultChild as never)].Properties.Code;
    const asset = join(outdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);

    const ours = await buildBundle(handlerEntry('get-caller'), county, join(dir, 'parity'));
    expect(readFileSync(join(asset, bundleFileName)).equals(readFileSync(ours.file))).toBe(true);
    expect(JSON.parse(readFileSync(join(asset, `${bundleFileName}.map`), 'utf8')).sourcesContent).toBeUndefined();
  }, synthTimeoutMs);
});
