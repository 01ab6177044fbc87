import { describe, expect, it } from 'vitest';
import {
  bulletinCharts,
  chartPalette,
  chartSvg,
  departmentChecksChart,
  departmentScoreChart,
  estimatedWidth,
  niceScale,
  trendCharts,
  wrapText,
  type ChartDrawing,
  type ChartShape,
} from '../../shared/bulletins/bulletin-charts.ts';
import { bulletinFixture } from '../support/bulletin-fixture.ts';

/**
 * A small XML well-formedness check: every tag closed in order, attributes quoted, no raw `<` or stray `&`
 * in text or attribute values, one root. Enough for SVG we write ourselves.
 */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, attrs, selfClosing, text, stray] = m;
    if (stray) problems.push(`a stray < at ${m.index}`);
    else if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) problems.push(`a raw & in text: ${text.slice(0, 40)}`);
      if (stack.length === 0 && text.trim()) problems.push(`text outside the root: ${text.slice(0, 40)}`);
    } else if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> closes nothing open`);
    } else {
      if (stack.length === 0) roots += 1;
      for (const [, value] of (attrs ?? '').matchAll(/="([^"]*)"/g)) if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(value!)) problems.push(`a raw & in an attribute of <${name}>`);
      if (!selfClosing) stack.push(name!);
    }
  }
  if (stack.length) problems.push(`left open: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} roots`);
  return problems;
}

const texts = (chart: ChartDrawing) => chart.shapes.filter((s): s is Extract<ChartShape, { kind: 'text' }> => s.kind === 'text').map((s) => s.text);
const ofKind = <K extends ChartShape['kind']>(chart: ChartDrawing, kind: K) => chart.shapes.filter((s): s is Extract<ChartShape, { kind: K }> => s.kind === kind);

/** Relative luminance and contrast ratio, WCAG 2.1. */
function contrast(hex: string, against = '#ffffff'): number {
  const lum = (h: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [lum(hex), lum(against)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

describe('nice scales', () => {
  it('run from 0 to a round number above the largest value, in round steps', () => {
    expect(niceScale(37, { integer: true }).ticks).toEqual([0, 10, 20, 30, 40]);
    expect(niceScale(128, { integer: true }).ticks).toEqual([0, 50, 100, 150]);
    expect(niceScale(7, { integer: true }).ticks).toEqual([0, 2, 4, 6, 8]);
    expect(niceScale(100, { integer: true }).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceScale(1, { integer: false, target: 4 }).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceScale(0.62, { integer: false, target: 4 }).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('counts never step by less than one, and an empty range still has an axis', () => {
    expect(niceScale(3, { integer: true }).ticks).toEqual([0, 1, 2, 3]);
    expect(niceScale(1, { integer: true }).ticks).toEqual([0, 1, 2]);
    expect(niceScale(0, { integer: true }).ticks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceScale(Number.NaN, { integer: false }).max).toBe(1);
  });

  it.each([1, 3, 9, 11, 37, 99, 101, 241, 1234, 98765])('covers %i with every tick a multiple of the step', (max) => {
    const scale = niceScale(max, { integer: true });
    expect(scale.max).toBeGreaterThanOrEqual(max);
    expect(scale.ticks.at(-1)).toBe(scale.max);
    expect(scale.ticks.length).toBeGreaterThanOrEqual(3);
    expect(scale.ticks.length).toBeLessThanOrEqual(11);
    for (const tick of scale.ticks) expect(Number.isInteger(tick / scale.step)).toBe(true);
    expect(String(scale.step)).toMatch(/^(1|2|25|5)0*$/);
  });
});

describe('text in charts', () => {
  it('wraps a long department name into two lines, the rest cut with an ellipsis', () => {
    expect(wrapText('郏县财政局', 132, 9.5)).toEqual(['郏县财政局']);
    const lines = wrapText('郏县住房和城乡建设局城乡建设管理综合执法大队第三中队城关镇分队', 132, 9.5);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const line of lines) expect(estimatedWidth(line, 9.5)).toBeLessThanOrEqual(132);
  });
});

describe('the bulletin charts', () => {
  const content = bulletinFixture();
  const charts = bulletinCharts(content);

  it('are six, each with a unique id, a title and a description, and well-formed accessible SVG', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'bulletin-2026-11-department-checks',
      'bulletin-2026-11-department-scores',
      'bulletin-2026-11-trend-checks',
      'bulletin-2026-11-trend-coverage',
      'bulletin-2026-11-trend-late',
      'bulletin-2026-11-trend-lists',
    ]);
    for (const chart of charts) {
      expect(wellFormed(chart.svg), chart.id).toEqual([]);
      expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
      expect(chart.svg).toContain('role="img"');
      expect(chart.svg).toContain(`aria-labelledby="${chart.id}-title ${chart.id}-desc"`);
      expect(chart.svg).toContain(`<title id="${chart.id}-title">${chart.title}</title>`);
      expect(chart.svg).toContain(`<desc id="${chart.id}-desc">`);
      expect(chart.description.length).toBeGreaterThan(20);
      // The title is drawn too (the PDF shows it from the shapes), and every shape lies within the chart.
      expect(texts(chart)[0]).toBe(chart.title);
      for (const s of chart.shapes) {
        const [x, y] = s.kind === 'line' ? [s.x1, s.y1] : s.kind === 'polyline' ? s.points[0]! : [s.x, s.y];
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(chart.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(chart.height);
      }
    }
  });

  it('checks per department: a bar per department in proportion, the count on each and the coverage beside, a department without matters said so', () => {
    const chart = departmentChecksChart(content);
    const bars = ofKind(chart, 'rect');
    // The department that ran no check has no bar, but its 0 is printed.
    expect(bars).toHaveLength(4);
    expect(bars[0]!.width / bars[1]!.width).toBeCloseTo(128 / 64, 5);
    const words = texts(chart);
    for (const value of ['128', '64', '37', '12', '0', '90.0%', '80.0%', '57.7%', '无办件', '覆盖率']) expect(words).toContain(value);
    expect(words.filter((t) => t === '无办件')).toHaveLength(2);
    // Ticks are round numbers: 0, 50, 100, 150.
    for (const tick of ['50', '100', '150']) expect(words).toContain(tick);
    // The long name is on two lines, whole in the description.
    expect(words).toContain('郏县住房和城乡建设局城乡建');
    expect(chart.description).toContain('郏县住房和城乡建设局城乡建设管理综合执法大队核查37次，覆盖率57.7%');
    expect(chart.svg).toContain('>90.0%</text>');
  });

  it('scores: on a 0–100 scale with the rank beside', () => {
    const chart = departmentScoreChart(content);
    const words = texts(chart);
    for (const value of ['96.5', '88', '71.25', '58', '40', '第1名', '第5名', '0', '20', '100']) expect(words).toContain(value);
    const bars = ofKind(chart, 'rect');
    expect(bars[0]!.width / bars[4]!.width).toBeCloseTo(96.5 / 40, 5);
  });

  it('trends: a point and a value each month, the line broken where a month has no coverage or no list due', () => {
    const [checks, coverage, late, lists] = trendCharts(content);
    expect(ofKind(checks!, 'marker')).toHaveLength(6);
    expect(ofKind(checks!, 'polyline')).toHaveLength(1);
    expect(texts(checks!)).toEqual(expect.arrayContaining(['96', '241', '6月', '11月', '2026年']));

    // June had no matter handled: no point, 无办件 said, the line from July.
    expect(ofKind(coverage!, 'marker')).toHaveLength(5);
    expect(texts(coverage!)).toEqual(expect.arrayContaining(['无办件', '62.0%', '80.9%', '0%', '50%', '100%']));
    expect(coverage!.description).toContain('2026年6月无办件');

    // Two series told apart by dash and marker shape too, with a legend.
    expect(ofKind(late!, 'polyline').map((p) => p.dash ?? null)).toEqual([null, [5, 3]]);
    expect(new Set(ofKind(late!, 'marker').map((m) => m.shape))).toEqual(new Set(['circle', 'square']));
    expect(texts(late!)).toEqual(expect.arrayContaining(['逾期公示', '逾期答复']));

    // August had no list due: two runs of line, and the points say n/m.
    expect(ofKind(lists!, 'polyline')).toHaveLength(2);
    expect(texts(lists!)).toEqual(expect.arrayContaining(['3/5', '5/5', '2/4', '无应报']));
  });

  it('an empty month draws its axes and says 暂无数据, still valid SVG', () => {
    const empty = bulletinCharts(bulletinFixture({ departments: [], trend: [], accountability: [] }));
    for (const chart of empty) {
      expect(wellFormed(chart.svg), chart.id).toEqual([]);
      expect(texts(chart)).toContain('暂无数据');
      expect(chart.shapes.some((s) => s.kind === 'rect' || s.kind === 'marker')).toBe(false);
    }
  });

  it('escapes what a name may hold', () => {
    const chart = departmentChecksChart(bulletinFixture({ departments: [{ ...bulletinFixture().departments[0]!, name: 'A&B <局> "测试"' }] }));
    expect(wellFormed(chart.svg)).toEqual([]);
    expect(chart.svg).toContain('A&amp;B &lt;局&gt; &quot;测试&quot;');
    expect(chartSvg({ ...chart, title: '</title><script>' })).not.toContain('<script>');
  });

  it('uses colours that read against white (≥ 4.5:1), gridlines apart', () => {
    for (const colour of [chartPalette.ink, chartPalette.muted, chartPalette.axis, ...chartPalette.series]) expect(contrast(colour), colour).toBeGreaterThanOrEqual(4.5);
    const used = new Set(charts.flatMap((c) => c.shapes.flatMap((s) => (s.kind === 'text' ? [s.fill] : []))));
    for (const colour of used) expect(contrast(colour), colour).toBeGreaterThanOrEqual(4.5);
  });
});
