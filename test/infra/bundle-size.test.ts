import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import ExcelJS from 'exceljs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNamed, functions } from '../../functions/catalog.ts';
import { ownPartGoal } from '../bench/bundles-bench.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { handlerEntry, personalDataActions, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { bundleFileName, unreachableOnLambda } from '../../infra/stack/bundling.ts';
import { CreditFunction } from '../../infra/stack/credit-function.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb/start-dynamodb-local.ts';
import { buildBundle, fontInputs, importInFreshNode, isSdkPackage, kb, lambdaLikeEnv, reachedFromOutsideTheChain, sdkEntryPointsOf, unreachableImports, weightByPackage, type HandlerBundle } from '../support/handler-bundles.ts';
import { synthTimeoutMs } from './synth.ts';

/**
 * Minified sizes of representative functions, built with the stack's bundling options
 * (infra/stack/bundling.ts). Sizes are deterministic for a lock file, so they are asserted.
 *
 * The limits are today's sizes with about 3 % headroom, so a regression fails here: get-caller 319.6 KB,
 * run-check 581.4 KB, get-usage-list 417.4 KB, export-usage-list 904 KB (1,534 KB while it loaded exceljs's
 * index), get-credit-report 858.7 KB (the PDF function; 1,536.5 KB before brotli was left out, 1,062 KB before
 * the project's modules were marked side-effect free), get-import-template 822.4 KB (exceljs's Workbook, as the usage
 * list's), ingest-import 1,455 KB (exceljs's streaming reader and writer with unzipper and archiver, csv-parse: a
 * background function, its cold start paid once per file). The issue's 250 KB for the whole bundle is not met and
 * cannot be with the SDK bundled: the SDK entry points alone weigh 178 KB (KMS) to 495 KB (docs/bundles.md);
 * what is ours is held to 250 KB below ('every function bundle').
 */
const limitsKb: Record<string, number> = {
  // 334 KB (327 KB before issue 18): the county file compiled into every function holds its national lists (+1.2 KB),
  // and the kernel grew with the exchange; get-usage-list likewise (428 → 431 KB).
  'get-caller': 344,
  // 663 KB since a check may take a commitment (the record schema and its rules, issue 16); 696 KB since it reads
  // the subject's national list entries and each list's freshness (shared/national-lists' port and schemas, issue 18).
  'run-check': 710,
  'get-usage-list': 444,
  'export-usage-list': 935,
  // 903 KB since the report has a section of the national lists (issue 18).
  'get-credit-report': 920,
  'get-import-template': 850,
  'ingest-import': 1500,
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

/**
 * Every function of the catalog, built as the stack builds it: the SDK clients its bundle carries are those
 * its declaration's grants need (a client it may not call is weight it may not use), and the project's own
 * part of it (the bundle less the AWS SDK's packages) is at most 250 KB, the writers of documents aside.
 * test/bench/bundles-bench.ts prints the figures (and docs/bundles.md why the whole bundle cannot be 250 KB).
 */
describe('every function bundle', () => {
  const all = new Map<string, HandlerBundle>();
  beforeAll(async () => {
    for (const { name } of functions) all.set(name, await buildBundle(handlerEntry(name), county, join(dir, 'all', name)));
  }, 300_000);

  const allowedEntryPoints = (declaration: FunctionDeclaration): string[] => {
    const r = declaration.resources;
    return [
      ...(r.creditTable || r.usageTable ? ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'] : []),
      ...(personalDataActions(declaration).length || r.machineTokens === 'sign' || r.machineTokens === 'publish' ? ['@aws-sdk/client-kms'] : []),
      ...(r.reportsBucket ? ['@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', '@aws-sdk/s3-presigned-post'] : []),
      ...(r.workflows?.length ? ['@aws-sdk/client-sfn'] : []),
      ...(r.notices ? ['@aws-sdk/client-sns'] : []),
    ];
  };

  it('carries only the SDK clients its declared resources need', () => {
    const extra = functions.flatMap((declaration) => {
      const allowed = allowedEntryPoints(declaration);
      return sdkEntryPointsOf(all.get(declaration.name)!)
        .filter((entryPoint) => !allowed.includes(entryPoint))
        .map((entryPoint) => `${declaration.name}: ${entryPoint}`);
    });
    expect(extra).toEqual([]);
  });

  it(`the project's own part is at most ${ownPartGoal.maxKb} KB (${ownPartGoal.exempt.join(', ')} aside)`, () => {
    const sizes = [...all].map(([name, bundle]) => {
      const sdk = weightByPackage(bundle).filter((p) => isSdkPackage(p.name)).reduce((sum, p) => sum + p.bytes, 0);
      return { name, ownKb: Math.round(kb(bundle.bytes - sdk)) };
    });
    console.log(`own part of each bundle (KB): ${sizes.map((s) => `${s.name} ${s.ownKb}`).join(', ')}`);
    expect(sizes.filter((s) => !(ownPartGoal.exempt as readonly string[]).includes(s.name) && s.ownKb > (ownPartGoal.raised[s.name] ?? ownPartGoal.maxKb))).toEqual([]);
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
