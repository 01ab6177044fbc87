import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync, type BuildOptions as EsbuildOptions, type Metafile } from 'esbuild';
import { capabilities, functions } from '../functions/catalog.ts';
import type { DeclaredRoute } from './src/declared-route.ts';
import { recordInputJsonSchema } from '../shared/records/record-form-schema.ts';
import { formSchemaOf } from '../shared/records/record-form.ts';

/**
 * Builds the static site (web/src → web/dist): `assets/app.js` and `assets/app.css` bundled and minified by
 * esbuild for current browsers, and `index.html`, the template the local runtime and the stack render per
 * county (web/render-index.ts). `npm run build:web`; the local runtime builds it when missing or stale,
 * and the stack builds it into its deployment asset at synth.
 */
export const webRoot = dirname(fileURLToPath(import.meta.url));
export const webDist = join(webRoot, 'dist');
export const indexTemplate = join(webRoot, 'index.html');
const buildInfo = '.build.json';

export interface BuildOptions {
  /** Also write the index.html template (the stack deploys its own, rendered for the county). Default true. */
  index?: boolean;
  /** Build beside `outdir` and move it into place, so a reader never sees half a build. Default true. */
  atomic?: boolean;
}

/**
 * The routes the browser calls, read from the functions' declarations (web/src/call.ts): name → method, path
 * and whether it is public. Only these reach the bundle, not the declarations and their zod schemas, which
 * the browser would carry only to type its calls.
 */
export function declaredRoutes(): Record<string, DeclaredRoute> {
  const routes: Record<string, DeclaredRoute> = {};
  for (const { name, trigger } of functions) if (trigger.type === 'http') routes[name] = { method: trigger.method, path: trigger.path, public: 'public' in trigger.access };
  return routes;
}

/**
 * What esbuild substitutes in the bundle: the routes (`__API_ROUTES__`), and the JSON Schema of a record as a
 * department sends it (`__RECORD_INPUT_SCHEMA__`, written by zod from `recordInput`, its descriptions cut to their
 * Chinese part: formSchemaOf), from which the console
 * builds its record form (shared/records/record-form.ts): the rules stay in the schema, and zod out of the bundle.
 */
export const webDefines = (): Record<string, string> => ({
  __API_ROUTES__: JSON.stringify(declaredRoutes()),
  __RECORD_INPUT_SCHEMA__: JSON.stringify(formSchemaOf(recordInputJsonSchema())),
});

/** Where the routes and the record schema come from: a build is stale when one of these changes, though esbuild never reads them. */
const declarationFiles = (): string[] => [fileURLToPath(new URL('../functions/catalog.ts', import.meta.url)), fileURLToPath(new URL('../shared/records/record-input.ts', import.meta.url)), ...new Set(capabilities.map((c) => resolve(webRoot, '..', c.folder, 'functions.ts')))].filter((file) => existsSync(file));

const esbuildOptions = (outdir: string): EsbuildOptions & { metafile: true } => ({
  entryPoints: { app: join(webRoot, 'src', 'main.ts') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  outdir: join(outdir, 'assets'),
  metafile: true,
  logLevel: 'silent',
  define: webDefines(),
});

/**
 * After esbuild: the index template and what the build read, to tell later whether it is stale (the local
 * web/dist only: the stack's asset gets neither, only what a browser loads).
 */
function finish(outdir: string, metafile: Metafile, index: boolean): void {
  if (!index) return;
  copyFileSync(indexTemplate, join(outdir, 'index.html'));
  // `<define:…>` is esbuild's name for the routes it was handed, not a file.
  const files = Object.keys(metafile.inputs).filter((input) => !input.startsWith('<'));
  const inputs = [...files.map((input) => relative(webRoot, resolve(input))), ...declarationFiles().map((file) => relative(webRoot, file)), relative(webRoot, indexTemplate), relative(webRoot, fileURLToPath(import.meta.url))];
  writeFileSync(join(outdir, buildInfo), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1));
}

export async function buildWeb(outdir: string = webDist, { index = true, atomic = true }: BuildOptions = {}): Promise<void> {
  const target = atomic ? `${outdir}.tmp-${process.pid}-${Date.now()}` : outdir;
  mkdirSync(target, { recursive: true });
  const result = await build(esbuildOptions(target));
  finish(target, result.metafile, index);
  if (!atomic) return;
  const old = `${outdir}.old-${process.pid}-${Date.now()}`;
  if (existsSync(outdir)) renameSync(outdir, old);
  try {
    renameSync(target, outdir);
  } catch (error) {
    // Another process put its build in place meanwhile: keep that one.
    rmSync(target, { recursive: true, force: true });
    if (!existsSync(outdir)) throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/** The same build, synchronously into `outdir` (CDK's local bundling of the stack's website asset calls it). */
export function buildWebSync(outdir: string, { index = true }: Pick<BuildOptions, 'index'> = {}): void {
  mkdirSync(outdir, { recursive: true });
  finish(outdir, buildSync(esbuildOptions(outdir)).metafile, index);
}

/** Whether web/dist is missing, or older than any file it was built from. */
export function webBuildIsStale(outdir: string = webDist): boolean {
  const info = join(outdir, buildInfo);
  if (!existsSync(info) || !existsSync(join(outdir, 'assets', 'app.js')) || !existsSync(join(outdir, 'index.html'))) return true;
  const built = statSync(info).mtimeMs;
  try {
    const { inputs } = JSON.parse(readFileSync(info, 'utf8')) as { inputs: string[] };
    return inputs.some((input) => {
      const file = resolve(webRoot, input);
      return !existsSync(file) || statSync(file).mtimeMs > built;
    }) || newSources(built);
  } catch {
    return true;
  }
}

/** A source file added since the build (not yet among its inputs): the entry's folder is enough to look at. */
function newSources(built: number): boolean {
  const src = join(webRoot, 'src');
  return statSync(src).mtimeMs > built;
}

let ensuring: Promise<void> | undefined;

/** Builds web/dist unless it is up to date (once per process at a time). */
export function ensureWebBuilt(): Promise<void> {
  ensuring ??= (async () => {
    if (webBuildIsStale()) await buildWeb();
  })().finally(() => (ensuring = undefined));
  return ensuring;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildWeb();
  console.log(`web/dist built in ${Date.now() - started} ms`);
}
