import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { projectRoot, startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { ensureWebBuilt } from '../../web/build.ts';
import { testClockStart } from './test-date.ts';

/**
 * The browser tests' Chromium: Debian's `chromium` package (`.ci/run` installs it with `fonts-noto-cjk`, so
 * the Chinese pages render in screenshots), driven headless by `playwright-core`, which downloads no
 * browser of its own. `CHROMIUM_PATH` points elsewhere if needed.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each walk's screenshots go: `test-results/screenshots/<walk>/<nn-step>.png` (README, "Browser tests"). */
export const screenshotRoot = join(projectRoot, 'test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk; .ci/run does), or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: string[];
}

let axe: string | undefined;
/** axe-core's browser build, read once. */
const axeSource = (): string => (axe ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * One walk through the site: its own browser context (its own sign-in, as a separate tab would be), a page,
 * the page's uncaught errors, and a numbered screenshot per step into its folder (emptied first).
 */
export class Walk {
  readonly screenshots: string[] = [];
  readonly pageErrors: string[] = [];
  /** Every accessibility violation axe-core found at a step (the minor and moderate ones too). */
  readonly accessibility: (AxeViolation & { step: string })[] = [];
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly folder: string,
  ) {}

  static async start(browser: Browser, name: string, options: BrowserContextOptions = {}): Promise<Walk> {
    const folder = join(screenshotRoot, name);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 }, ...options });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const walk = new Walk(name, context, page, folder);
    page.on('pageerror', (error) => walk.pageErrors.push(error.message));
    return walk;
  }

  /**
   * A full-page screenshot of this step, `<nn>-<step>.png`, and the page as it stands checked by axe-core
   * (Deque's accessibility engine, WCAG 2.x A and AA rules): a serious or critical violation fails the walk,
   * naming the rule, the elements and the step. A failing step's own screenshot is not checked.
   */
  async step(step: string): Promise<string> {
    const file = join(this.folder, `${String(this.screenshots.length + 1).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    this.screenshots.push(relative(projectRoot, file));
    if (step !== 'failed') await this.assertAccessible(step);
    return file;
  }

  /** Runs axe-core on the page; throws on serious or critical violations. */
  async assertAccessible(step: string): Promise<void> {
    // Evaluated through the DevTools protocol, so the site's Content-Security-Policy does not block it.
    if (!(await this.page.evaluate('typeof window.axe !== "undefined"'))) await this.page.evaluate(axeSource());
    const violations = (await this.page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`,
    )) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.accessibility.push(...violations.map((v) => ({ ...v, step })));
    if (serious.length > 0)
      throw new Error(`[${this.name}] step ${step}: ${serious.length} serious accessibility violation(s): ${serious.map((v) => `${v.id} (${v.impact}: ${v.help}) at ${v.nodes.join(', ')}`).join('; ')}`);
  }

  /** Opens a hash route of the site (`/search?q=…`) and waits until its page has rendered. */
  async open(baseUrl: string, route: string): Promise<void> {
    await this.page.goto(`${baseUrl}/#${route}`);
    await this.page.locator('[data-testid="page"][data-ready="true"]').waitFor();
  }

  /** Signs in with the local runtime's dev sign-in as one of the demo organisations offered on the login page. */
  async signIn(baseUrl: string, role: string, orgId: string): Promise<void> {
    await this.open(baseUrl, '/login');
    await this.page.locator(`[data-testid="login-org"][data-role="${role}"][data-org="${orgId}"]`).click();
    await this.page.locator(`[data-testid="console-caller"][data-role="${role}"][data-org="${orgId}"]`).waitFor();
  }

  /**
   * Runs the walk's steps; if one fails, a last screenshot (`<nn>-failed.png`) and what the page showed (its
   * route, an error box) are added to the error, so that a failure on CI can be read without a rerun.
   */
  async run(steps: (walk: Walk) => Promise<void>): Promise<void> {
    try {
      await steps(this);
    } catch (error) {
      const errorBox = await this.page.getByTestId('error').first().textContent({ timeout: 500 }).catch(() => null);
      const shown = `${new URL(this.page.url()).hash || '#/'}${errorBox ? `, error box: ${errorBox}` : ''}`;
      const screenshot = await this.step('failed').then((file) => relative(projectRoot, file), () => 'none');
      if (error instanceof Error) error.message += `\n  [${this.name}] page ${shown}; screenshot ${screenshot}`;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * A file of walks: one local platform of `county` (demo data, on the test clock: test/support/test-date.ts), the
 * site built, and one Chromium, started side by side before the walks (all settled before a failure is thrown, so
 * that whatever started is stopped); after each walk its screenshots and axe-core's report (every violation, of
 * any impact) are printed and the page's uncaught errors fail it; everything is stopped after the file.
 */
export function walkSuite(label: string, county: CountyConfig) {
  let dataDir: string | undefined;
  const suite = {
    platform: undefined as unknown as LocalPlatform,
    browser: undefined as unknown as Browser,
    current: undefined as Walk | undefined,
    /** Starts a walk in its own browser context; the suite closes it and prints its report after the test. */
    async start(name: string, options: BrowserContextOptions = {}): Promise<Walk> {
      return (suite.current = await Walk.start(suite.browser, name, options));
    },
  };
  beforeAll(async () => {
    // The handlers' INFO lines (Powertools, to stdout) would bury the walks' output; warnings and errors still show.
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    dataDir = mkdtempSync(join(tmpdir(), `${label}-`));
    const started = await Promise.allSettled([
      ensureWebBuilt(),
      startLocalPlatform({ county, dataDir, port: 0, fresh: true, demo: true, retryTimeScale: 0, log: () => undefined, clock: testClockStart }).then((p) => (suite.platform = p)),
      launchChromium().then((b) => (suite.browser = b)),
    ]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }, 300_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.platform?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    const walk = suite.current;
    if (!walk) return;
    suite.current = undefined;
    const { pageErrors, screenshots, name, accessibility } = walk;
    await walk.close();
    console.log(`${name}: ${screenshots.length} screenshots\n  ${screenshots.join('\n  ')}`);
    console.log(
      `${name}: axe-core (WCAG 2.1 A/AA) — ${accessibility.length} violation(s) at any impact${accessibility.length ? ':' : ''}\n` +
        accessibility.map((v) => `  [${v.step}] ${v.impact ?? 'unknown'} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`).join('\n'),
    );
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });
  return suite;
}

/** Waits for the page: vitest's expect.poll gives up after 1 s, too soon for a handler's cold start on a busy machine. */
export const eventually = <T>(value: () => Promise<T>, timeout = 15_000) => expect.poll(value, { timeout, interval: 100 });
