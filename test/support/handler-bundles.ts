/**
 * Function bundles built exactly as CDK builds them (infra/stack/bundling.ts), with esbuild's JS API: for
 * the bench (test/bench/bundles-bench.ts) and the bundle-size test. Built into a temporary folder with no
 * node_modules above it, so a bundle that loads there loads on Lambda (nothing resolved from the project).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { bundleFileName, credentialChainPackage, esbuildOptions, unreachableOnLambda } from '../../infra/stack/bundling.ts';
import { fromProjectRoot } from '../../infra/stack/project-root.ts';

export interface HandlerBundle {
  file: string;
  bytes: number;
  mapBytes: number;
  metafile: Metafile;
}

/** `entry` (relative to the project root) bundled into `outdir/index.mjs`, as the stack bundles a function. */
export async function buildBundle(entry: string, county: CountyConfig, outdir: string): Promise<HandlerBundle> {
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, bundleFileName);
  const { metafile } = await build({
    ...esbuildOptions(county),
    entryPoints: [fromProjectRoot(entry)],
    outfile: file,
    absWorkingDir: fromProjectRoot('.'),
    metafile: true,
    logLevel: 'error',
  });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, metafile };
}

/** Source text (resolved from the project root) bundled into `outdir/index.mjs`, as `buildBundle` does with a file. */
export async function buildSourceBundle(contents: string, county: CountyConfig, outdir: string): Promise<HandlerBundle> {
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, bundleFileName);
  const { metafile } = await build({
    ...esbuildOptions(county),
    stdin: { contents, resolveDir: fromProjectRoot('.'), sourcefile: 'floor.ts', loader: 'ts' },
    outfile: file,
    absWorkingDir: fromProjectRoot('.'),
    metafile: true,
    logLevel: 'error',
  });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, metafile };
}

export const kb = (bytes: number) => bytes / 1024;

/**
 * The AWS SDK's part of a bundle: its packages (@aws-sdk/*, @smithy/*, @aws-crypto/*, and the libraries only
 * the SDK brings: the S3 XML parser, the browser sniffer of its user agent). Outside the project's control
 * but for which clients a function reaches.
 */
export const isSdkPackage = (name: string) => /^@aws-sdk\/|^@smithy\/|^@aws-crypto\/|^fast-xml-parser$|^strnum$|^bowser$|^tslib$/.test(name);

/**
 * The SDK entry points a bundle carries, each with the statement that imports it and the expression that
 * makes or names it: the bare floor of that bundle (`sdkFloorSource`).
 */
const sdkEntryPoints: Record<string, { imports: string; uses: string }> = {
  '@aws-sdk/client-dynamodb': { imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", uses: 'new DynamoDBClient({})' },
  '@aws-sdk/lib-dynamodb': { imports: "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'; import { DynamoDBClient as DocBase } from '@aws-sdk/client-dynamodb';", uses: 'DynamoDBDocumentClient.from(new DocBase({})), GetCommand' },
  '@aws-sdk/client-kms': { imports: "import { KMSClient } from '@aws-sdk/client-kms';", uses: 'new KMSClient({})' },
  '@aws-sdk/client-s3': { imports: "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';", uses: 'new S3Client({}), GetObjectCommand' },
  '@aws-sdk/s3-request-presigner': { imports: "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';", uses: 'getSignedUrl' },
  '@aws-sdk/s3-presigned-post': { imports: "import { createPresignedPost } from '@aws-sdk/s3-presigned-post';", uses: 'createPresignedPost' },
  '@aws-sdk/client-sfn': { imports: "import { SFNClient } from '@aws-sdk/client-sfn';", uses: 'new SFNClient({})' },
  '@aws-sdk/client-sns': { imports: "import { SNSClient } from '@aws-sdk/client-sns';", uses: 'new SNSClient({})' },
};

/** The SDK entry points (client packages, document client, presigners) found in a bundle, sorted. */
export const sdkEntryPointsOf = (bundle: HandlerBundle): string[] => {
  // What reached the output: an import that tree shaking dropped is still among the metafile's inputs.
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint)!;
  const packages = new Set(Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => packageOf(path)));
  return Object.keys(sdkEntryPoints).filter((name) => packages.has(name));
};

/** A handler that imports those SDK entry points and makes their clients at module init, and does nothing else. */
export const sdkFloorSource = (entryPoints: readonly string[]): string =>
  [...entryPoints.map((name) => sdkEntryPoints[name]!.imports), `const made = [${entryPoints.map((name) => sdkEntryPoints[name]!.uses).join(', ')}];`, 'export const handler = async () => made.length;'].join('\n');

/** The npm package a metafile path belongs to, or undefined for the project's own files. */
export const packageOf = (path: string): string | undefined => path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];

/** Bytes of minified output per npm package (the project's own files under `(project)`), largest first. */
export function weightByPackage(bundle: HandlerBundle): { name: string; bytes: number }[] {
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint)!;
  const by = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(path) ?? '(project)';
    by.set(name, (by.get(name) ?? 0) + bytesInOutput);
  }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Every import of an `unreachableOnLambda` package left in the bundle, with who imports it and how. Each
 * must be a dynamic import from the default credential chain: anything else would be reached.
 */
export function unreachableImports(bundle: HandlerBundle): { importer: string; path: string; kind: string }[] {
  const found = [];
  for (const [importer, input] of Object.entries(bundle.metafile.inputs))
    for (const imported of input.imports)
      if ((unreachableOnLambda as readonly string[]).includes(imported.path)) found.push({ importer: packageOf(importer) ?? importer, path: imported.path, kind: imported.kind });
  return found;
}
export const reachedFromOutsideTheChain = (bundle: HandlerBundle) =>
  unreachableImports(bundle).filter((i) => i.kind !== 'dynamic-import' || i.importer !== credentialChainPackage);

/**
 * Font data bundled in: an input that is a font file (WOFF, TTF, OTF, AFM metrics) or from the font
 * package. (The credit report's fonts are files beside its bundle, copied by the stack, never imports.)
 */
export const fontInputs = (bundle: HandlerBundle): string[] =>
  Object.keys(bundle.metafile.inputs).filter((p) => /\.(woff2?|ttf|otf|afm)$/i.test(p) || packageOf(p) === '@fontsource/noto-sans-sc');

/** The environment a bundle is imported in: a Lambda's (region, role credentials), no county (compiled in). */
export const lambdaLikeEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'cn-north-1',
  AWS_DEFAULT_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'AKIDBUNDLEBENCH',
  AWS_SECRET_ACCESS_KEY: 'bundle-bench-secret',
  AWS_SESSION_TOKEN: 'bundle-bench-session',
  AWS_LAMBDA_FUNCTION_NAME: 'bundle-bench',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  ...extra,
});

/**
 * A fresh `node` importing the bundle: wall time from spawn to its `import()` resolved (reported by the
 * child on stdout), the module's export names, and with `invoke`, what its `handler(invoke.event)` returned.
 * Run from the bundle's own folder (no node_modules above it); rejects with the child's error output.
 */
export function importInFreshNode(file: string, options: { env?: NodeJS.ProcessEnv; invoke?: { event: unknown } } = {}): Promise<{ ms: number; exports: string[]; result?: unknown }> {
  const url = JSON.stringify(pathToFileURL(file).href);
  const invoke = options.invoke ? `result = await m.handler(${JSON.stringify(options.invoke.event)}, {});` : '';
  const script = `const m = await import(${url}); let result; ${invoke}
process.stdout.write('LOADED ' + JSON.stringify({ exports: Object.keys(m), result }) + '\\n'); process.exit(0);`;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let loadedAt: number | undefined;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(file, '..'), env: options.env ?? lambdaLikeEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.match(/LOADED (.*)\n/);
      if (line && loadedAt === undefined) {
        loadedAt = performance.now();
        const { exports, result } = JSON.parse(line[1]!) as { exports: string[]; result?: unknown };
        resolve({ ms: loadedAt - start, exports, result });
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (loadedAt === undefined) reject(new Error(`importing ${file} failed (exit ${code}): ${err.trim().slice(0, 2000)}`));
    });
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
