/**
 * Function bundles (`npm run bench`): every function of the catalog built as the stack builds it
 * (infra/stack/bundling.ts, through esbuild's API), its minified size, and its module init time: the median
 * over `runs` fresh `node` processes of the wall time from spawn to the bundle's import resolved, against a
 * hello-world handler bundled the same way (test/bench/fixtures/hello-handler.ts), as a ratio. The goals
 * are shown per line, ok or over: ≤ 250 KB minified (the credit report's PDF function aside) and init
 * ≤ 1.5× hello world. Figures are printed, never asserted (sizes are, in test/infra/bundle-size.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functions } from '../../functions/catalog.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { handlerEntry } from '../../shared/lambda/declaration.ts';
import { buildBundle, fontInputs, importInFreshNode, kb, median, reachedFromOutsideTheChain, weightByPackage, type HandlerBundle } from '../support/handler-bundles.ts';

export const bundleGoal = { maxKb: 250, exempt: ['get-credit-report'], maxInitRatio: 1.5 } as const;
const helloEntry = 'test/bench/fixtures/hello-handler.ts';

export interface BundleFigure {
  name: string;
  kb: number;
  mapKb: number;
  initMs: number;
  initRatio: number;
  sizeOk: boolean | 'exempt';
  initOk: boolean;
}

async function initMs(bundle: HandlerBundle, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await importInFreshNode(bundle.file)).ms);
  return median(times);
}

export async function benchBundles(args: { county: CountyConfig; runs: number; row: (what: string, figure: string) => void }) {
  const { county, runs, row } = args;
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const started = performance.now();
    const hello = await buildBundle(helloEntry, county, join(dir, 'hello'));
    const bundles = new Map<string, HandlerBundle>();
    for (const { name } of functions) bundles.set(name, await buildBundle(handlerEntry(name), county, join(dir, name)));
    const buildMs = performance.now() - started;

    // Warm the file cache and node itself once, then time each bundle in turn.
    await importInFreshNode(hello.file);
    const helloMs = await initMs(hello, runs);
    row(`bundles: hello-world handler, built the same way (${runs} runs)`, `${kb(hello.bytes).toFixed(1)} KB, init ${helloMs.toFixed(0)} ms (spawn → import)`);

    const figures: BundleFigure[] = [];
    for (const [name, bundle] of bundles) {
      const ms = await initMs(bundle, runs);
      const exempt = (bundleGoal.exempt as readonly string[]).includes(name);
      const figure: BundleFigure = {
        name,
        kb: kb(bundle.bytes),
        mapKb: kb(bundle.mapBytes),
        initMs: ms,
        initRatio: ms / helloMs,
        sizeOk: exempt ? 'exempt' : kb(bundle.bytes) <= bundleGoal.maxKb,
        initOk: ms / helloMs <= bundleGoal.maxInitRatio,
      };
      figures.push(figure);
      const size = figure.sizeOk === 'exempt' ? 'PDF, exempt' : figure.sizeOk ? 'ok' : 'over';
      row(
        `  ${name}`,
        `${figure.kb.toFixed(0).padStart(5)} KB ${size.padEnd(11)} map ${figure.mapKb.toFixed(0).padStart(5)} KB  init ${ms.toFixed(0).padStart(4)} ms ${figure.initRatio.toFixed(2)}× ${figure.initOk ? 'ok' : 'over'}`,
      );
    }

    const sized = figures.filter((f) => f.sizeOk !== 'exempt');
    const largest = sized.reduce((a, b) => (b.kb > a.kb ? b : a));
    row(
      `bundles: ${figures.length} functions, goal ≤ ${bundleGoal.maxKb} KB (PDF aside), init ≤ ${bundleGoal.maxInitRatio}× hello`,
      `size ok ${sized.filter((f) => f.sizeOk).length}/${sized.length}, init ok ${figures.filter((f) => f.initOk).length}/${figures.length}; ` +
        `median ${median(sized.map((f) => f.kb)).toFixed(0)} KB, largest ${largest.name} ${largest.kb.toFixed(0)} KB; built in ${(buildMs / 1000).toFixed(1)} s`,
    );
    row(
      `  heaviest packages in ${largest.name}`,
      weightByPackage(bundles.get(largest.name)!)
        .slice(0, 5)
        .map((p) => `${p.name} ${kb(p.bytes).toFixed(0)}`)
        .join(', ') + ' KB',
    );

    // What the bundling relies on, checked on every bundle the bench built.
    const fonts = [...bundles].flatMap(([name, b]) => fontInputs(b).map((input) => `${name}: ${input}`));
    row('  font data inside any bundle (fonts are files beside get-credit-report\'s)', fonts.length ? fonts.join('; ') : 'none');
    const reached = [...bundles].flatMap(([name, b]) => reachedFromOutsideTheChain(b).map((i) => `${name}: ${i.importer} → ${i.path} (${i.kind})`));
    row('  external credential providers imported outside the lazy chain', reached.length ? reached.join('; ') : 'none');
    return { helloMs, figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx test/bench/bundles-bench.ts [--quick]`: this section alone, without the emulators.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadCounty } = await import('../../shared/config/load-counties.ts');
  const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
  await benchBundles({ county: loadCounty('jiaxian'), runs: quick ? 3 : 9, row: (what, figure) => console.log(`${what.padEnd(58)} ${figure}`) });
}
