import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { CreditFunction } from '../../infra/stack/credit-function.ts';
import { synthTimeoutMs } from './synth.ts';

const outdir = mkdtempSync(join(tmpdir(), 'credit-platform-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('CreditFunction bundle', () => {
  it("compiles the county's config into the ESM bundle, with the require banner", () => {
    const county = loadCounty('lianjiang');
    const app = new App({ outdir, context: featureFlags(), builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'BundleUnderTest');
    const fn = new CreditFunction(stack, 'CountyProfile', {
      declaration: functionNamed('get-county-profile'),
      county,
      logsKey: new Key(stack, 'LogsKey'),
    });
    const assembly = app.synth();

    const code = (assembly.getStackByName('BundleUnderTest').template.Resources as Record<string, any>)[
      stack.getLogicalId(fn.function.node.defaultChild as never)
    ].Properties.Code;
    const assetHash = String(code.S3Key).replace(/\.zip$/, '');
    const bundle = readFileSync(join(outdir, `asset.${assetHash}`, 'index.mjs'), 'utf8');

    expect(bundle.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
    expect(bundle).not.toContain('process.env.COUNTY_CONFIG');
    // The define turns process.env.COUNTY_CONFIG into a string literal holding the county's JSON.
    const literal = bundle.match(/(["'`])(\{\\?"id\\?":\\?"lianjiang\\?".*?\})\1/);
    expect(literal, 'county JSON literal in the bundle').not.toBeNull();
    const parsed = JSON.parse(Function(`return ${literal![0]}`)() as string);
    expect(parsed).toEqual(county);
  }, synthTimeoutMs);
});
