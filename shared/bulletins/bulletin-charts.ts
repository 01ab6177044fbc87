import type { BulletinAccountabilityRow, BulletinContent, BulletinDepartmentRow, BulletinTrendPoint } from './bulletin-content.ts';

/**
 * The monthly bulletin's charts (月通报): a small chart model, drawn by us rather than by a charting library.
 * Each chart is laid out once as a list of plain shapes (rectangles, lines, polylines, markers, texts) in its
 * own units; `chartSvg` writes them as SVG for the console, and the PDF renderer (render-bulletin-pdf.ts)
 * draws the same shapes as vectors with pdfkit, so the console and the PDF show one chart. A charting library
 * would draw in a browser's DOM or a canvas (a PDF would get a bitmap or need a headless browser) and would
 * add hundreds of KB to the Lambda bundle; these few bars and lines need neither.
 *
 * Pure TypeScript over plain data, no Node or DOM API: the console imports this module too.
 *
 * Readable without colour: every bar and point carries its value as text, series differ by dash and marker
 * shape as well as colour, and the palette's colours reach at least 4.5:1 against white (WCAG 2.1, 1.4.3 and
 * 1.4.11). Each SVG is `role="img"` with a `<title>` and a `<desc>` that says the figures in words.
 */

export type TextAnchor = 'start' | 'middle' | 'end';

/** One drawn thing, in the chart's units (SVG user units, PDF points), y downwards, as SVG. */
export type ChartShape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: readonly number[] }
  | { kind: 'polyline'; points: ReadonlyArray<readonly [number, number]>; stroke: string; width: number; dash?: readonly number[] }
  | { kind: 'marker'; shape: 'circle' | 'square' | 'triangle'; x: number; y: number; size: number; fill: string; stroke: string }
  /** `y` is the text's baseline (SVG's default); `size` its font size. */
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: TextAnchor; fill: string; bold?: boolean };

/** A chart laid out: its shapes and what a screen reader says of it. */
export interface ChartDrawing {
  /** Unique within a bulletin, usable in an SVG id: e.g. `bulletin-2026-11-dept-checks`. */
  id: string;
  title: string;
  /** The chart's figures in words (the SVG's `<desc>`). */
  description: string;
  width: number;
  height: number;
  shapes: ChartShape[];
}

/** A chart laid out and written as SVG. */
export interface RenderedChart extends ChartDrawing {
  svg: string;
}

/** Colours: each at least 4.5:1 against white, so text and marks in them stay readable. */
export const chartPalette = {
  ink: '#1a1a1a',
  muted: '#4a5260',
  /** Gridlines only: decoration, the tick labels carry the scale. */
  grid: '#d5dae1',
  axis: '#4a5260',
  series: ['#1f5f99', '#a63d00', '#2d6a2f'] as const,
  background: '#ffffff',
} as const;

/** The font stack of the SVG (the console); the PDF draws in its embedded Noto Sans SC. */
export const chartFontFamily = "'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

const chartWidth = 500;
const sizes = { title: 12, label: 9.5, value: 8.5, tick: 8.5 } as const;

// ---------------------------------------------------------------------------------------------------------
// Scales

export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A scale from 0 (or `min`) to at least `max` in round steps (1, 2, 2.5 or 5 × 10ⁿ), about `target` ticks
 * and never fewer than three.
 * Counts (`integer`) never step by less than 1. An empty or all-zero range still gets a scale (0–1, or 0–5
 * for counts), so an empty chart draws its axis.
 */
export function niceScale(max: number, options: { min?: number; target?: number; integer?: boolean } = {}): NiceScale {
  const min = options.min ?? 0;
  const target = options.target ?? 5;
  let top = Number.isFinite(max) && max > min ? max : min + (options.integer ? 5 : 1);
  const raw = (top - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12) ?? 10 * magnitude;
  if (options.integer) step = Math.max(1, step === 2.5 ? 2 : Math.round(step));
  // At least three ticks: a count of 1 reads against 0, 1, 2, not a lone gridline.
  top = min + Math.max(2, Math.ceil((top - min) / step - 1e-9)) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= top + 1e-9; i += 1) ticks.push(round(min + i * step));
  return { min, max: round(top), step: round(step), ticks };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

// ---------------------------------------------------------------------------------------------------------
// Text

/** A text's width estimated without font metrics: CJK and full-width characters 1 em, others about half. */
export function estimatedWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    ems += cp >= 0x2e80 || (cp >= 0x2000 && cp <= 0x206f && char !== ' ') ? 1 : /[0-9]/.test(char) ? 0.56 : /[A-Z%]/.test(char) ? 0.65 : 0.5;
  }
  return ems * size;
}

/** `text` in at most `lines` lines of `width`, the last cut with an ellipsis when it does not fit. */
export function wrapText(text: string, width: number, size: number, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 1) {
    const next = line + chars[i];
    if (estimatedWidth(next, size) <= width || line === '') {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      while (line && estimatedWidth(`${line}…`, size) > width) line = [...line].slice(0, -1).join('');
      out.push(`${line}…`);
      return out;
    }
    out.push(line);
    line = chars[i]!;
  }
  if (line) out.push(line);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Formats

/** A ratio as a percentage with one decimal (0.8571 → 85.7%); `null` as 无办件 words the caller chooses. */
export const percentText = (ratio: number): string => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
const countText = (n: number): string => String(n);
const scoreText = (n: number): string => String(Math.round(n * 100) / 100);
/** `2026-11` → `11月`; with the year on the first point and in January (`2026年1月`). */
const monthLabel = (month: string, withYear: boolean): string => {
  const [year, m] = month.split('-');
  return withYear ? `${year}年${Number(m)}月` : `${Number(m)}月`;
};

// ---------------------------------------------------------------------------------------------------------
// Horizontal bars

export interface BarRow {
  label: string;
  value: number;
  /** What is printed at the bar's end (the value, formatted). */
  valueText: string;
  /** A figure shown in the column beside the bars (e.g. coverage). */
  beside?: string;
}

export interface BarChartSpec {
  id: string;
  title: string;
  /** Printed under the title: the unit and what the bars count. */
  subtitle: string;
  description: string;
  rows: BarRow[];
  /** The header of the column beside the bars, when rows have `beside`. */
  besideHeader?: string;
  /** A fixed scale maximum (scores: 100); otherwise a nice one above the largest value. */
  scaleMax?: number;
  integer?: boolean;
  /** Tick labels (e.g. a unit); numbers as they are otherwise. */
  tickText?: (value: number) => string;
}

/** Horizontal bars, one row per label, the value at each bar's end and the scale along the bottom. */
export function horizontalBarChart(spec: BarChartSpec): ChartDrawing {
  const shapes: ChartShape[] = [];
  const labelWidth = 132;
  const besideWidth = spec.besideHeader ? 64 : 0;
  const valueRoom = 40;
  const plot = { left: labelWidth + 12, right: chartWidth - besideWidth - valueRoom, top: 50 };
  header(shapes, spec.title, spec.subtitle);

  const wrapped = spec.rows.map((row) => wrapText(row.label, labelWidth, sizes.label, 2));
  const rowHeight = wrapped.some((lines) => lines.length > 1) ? 30 : 22;
  const barHeight = 13;
  const rowsHeight = Math.max(spec.rows.length, 1) * rowHeight;
  const plotBottom = plot.top + rowsHeight;
  const height = plotBottom + 30;
  const max = Math.max(0, ...spec.rows.map((r) => r.value));
  const scale = niceScale(spec.scaleMax ?? max, { integer: spec.integer ?? true });
  const x = (v: number) => plot.left + ((Math.max(v, scale.min) - scale.min) / (scale.max - scale.min)) * (plot.right - plot.left);
  const tickText = spec.tickText ?? countText;

  for (const tick of scale.ticks) {
    shapes.push({ kind: 'line', x1: x(tick), y1: plot.top - 4, x2: x(tick), y2: plotBottom, stroke: chartPalette.grid, width: 0.6 });
    shapes.push({ kind: 'text', x: x(tick), y: plotBottom + 13, text: tickText(tick), size: sizes.tick, anchor: 'middle', fill: chartPalette.muted });
  }
  shapes.push({ kind: 'line', x1: plot.left, y1: plot.top - 4, x2: plot.left, y2: plotBottom, stroke: chartPalette.axis, width: 0.8 });
  if (spec.besideHeader) shapes.push({ kind: 'text', x: chartWidth - 4, y: plot.top - 8, text: spec.besideHeader, size: sizes.label, anchor: 'end', fill: chartPalette.muted, bold: true });

  if (spec.rows.length === 0) shapes.push(noData(plot.left + (plot.right - plot.left) / 2, plot.top + rowHeight / 2 + 4));
  spec.rows.forEach((row, i) => {
    const centre = plot.top + i * rowHeight + rowHeight / 2;
    const lines = wrapped[i]!;
    lines.forEach((line, l) => {
      const baseline = centre + (l - (lines.length - 1) / 2) * (sizes.label + 2) + sizes.label * 0.35;
      shapes.push({ kind: 'text', x: labelWidth, y: baseline, text: line, size: sizes.label, anchor: 'end', fill: chartPalette.ink });
    });
    const end = x(row.value);
    if (end > plot.left) shapes.push({ kind: 'rect', x: plot.left, y: centre - barHeight / 2, width: end - plot.left, height: barHeight, fill: chartPalette.series[0] });
    shapes.push({ kind: 'text', x: end + 4, y: centre + sizes.value * 0.35, text: row.valueText, size: sizes.value, anchor: 'start', fill: chartPalette.ink, bold: true });
    if (row.beside !== undefined) shapes.push({ kind: 'text', x: chartWidth - 4, y: centre + sizes.value * 0.35, text: row.beside, size: sizes.value, anchor: 'end', fill: chartPalette.ink });
  });
  return { id: spec.id, title: spec.title, description: spec.description, width: chartWidth, height, shapes };
}

// ---------------------------------------------------------------------------------------------------------
// Lines over months

export interface LineSeries {
  name: string;
  /** One value per month (null: nothing to show that month, the line breaks there). */
  values: Array<number | null>;
  /** What is printed at each point. */
  valueText: (value: number, index: number) => string;
}

export interface LineChartSpec {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  months: string[];
  series: LineSeries[];
  scaleMax?: number;
  integer?: boolean;
  tickText?: (value: number) => string;
  /** Said at a month a series has no value (e.g. 无办件). */
  emptyText?: string;
}

const seriesStyle = [
  { dash: undefined, marker: 'circle' as const },
  { dash: [5, 3] as const, marker: 'square' as const },
  { dash: [2, 2] as const, marker: 'triangle' as const },
];

/** Lines over months, a marker and its value at each point, the scale on the left, a legend for two series or more. */
export function lineChart(spec: LineChartSpec): ChartDrawing {
  const shapes: ChartShape[] = [];
  const legend = spec.series.length > 1 && spec.months.length > 0;
  const top = legend ? 66 : 56;
  const height = top + 152;
  const plot = { left: 52, right: chartWidth - 24, top, bottom: height - 40 };
  header(shapes, spec.title, spec.subtitle);
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  // Headroom above the highest point for its value; a fixed maximum (100%) is the scale's own.
  const scale = niceScale(Math.max(spec.scaleMax ?? 0, 0, ...values.map((v) => (spec.scaleMax !== undefined && v <= spec.scaleMax ? v : v * 1.08))), { integer: spec.integer ?? true, target: 4 });
  const y = (v: number) => plot.bottom - ((v - scale.min) / (scale.max - scale.min)) * (plot.bottom - plot.top);
  const n = spec.months.length;
  const slot = (plot.right - plot.left) / Math.max(n, 1);
  const x = (i: number) => plot.left + slot * (i + 0.5);
  const tickText = spec.tickText ?? countText;

  for (const tick of scale.ticks) {
    shapes.push({ kind: 'line', x1: plot.left, y1: y(tick), x2: plot.right, y2: y(tick), stroke: chartPalette.grid, width: 0.6 });
    shapes.push({ kind: 'text', x: plot.left - 6, y: y(tick) + sizes.tick * 0.35, text: tickText(tick), size: sizes.tick, anchor: 'end', fill: chartPalette.muted });
  }
  shapes.push({ kind: 'line', x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: chartPalette.axis, width: 0.8 });
  spec.months.forEach((month, i) => {
    const withYear = i === 0 || month.endsWith('-01');
    shapes.push({ kind: 'text', x: x(i), y: plot.bottom + 14, text: monthLabel(month, false), size: sizes.tick, anchor: 'middle', fill: chartPalette.ink });
    if (withYear) shapes.push({ kind: 'text', x: x(i), y: plot.bottom + 26, text: `${month.slice(0, 4)}年`, size: sizes.tick - 0.5, anchor: 'middle', fill: chartPalette.muted });
  });
  if (n === 0) shapes.push(noData((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2));

  if (legend) {
    let lx = plot.left;
    spec.series.forEach((series, s) => {
      const style = seriesStyle[s % seriesStyle.length]!;
      const colour = chartPalette.series[s % chartPalette.series.length]!;
      const ly = 45;
      shapes.push({ kind: 'line', x1: lx, y1: ly, x2: lx + 22, y2: ly, stroke: colour, width: 1.6, ...(style.dash ? { dash: style.dash } : {}) });
      shapes.push({ kind: 'marker', shape: style.marker, x: lx + 11, y: ly, size: 6, fill: colour, stroke: chartPalette.background });
      shapes.push({ kind: 'text', x: lx + 28, y: ly + sizes.label * 0.35, text: series.name, size: sizes.label, anchor: 'start', fill: chartPalette.ink });
      lx += 28 + estimatedWidth(series.name, sizes.label) + 18;
    });
  }

  spec.series.forEach((series, s) => {
    const style = seriesStyle[s % seriesStyle.length]!;
    const colour = chartPalette.series[s % chartPalette.series.length]!;
    // The line breaks where a month has no value.
    let run: Array<readonly [number, number]> = [];
    const flush = () => {
      if (run.length > 1) shapes.push({ kind: 'polyline', points: run, stroke: colour, width: 1.6, ...(style.dash ? { dash: style.dash } : {}) });
      run = [];
    };
    series.values.slice(0, n).forEach((value, i) => {
      if (value === null) {
        flush();
        if (spec.emptyText) shapes.push({ kind: 'text', x: x(i), y: plot.bottom - 6 - s * 11, text: spec.emptyText, size: sizes.value - 0.5, anchor: 'middle', fill: chartPalette.muted });
        return;
      }
      run.push([x(i), y(value)]);
    });
    flush();
    series.values.slice(0, n).forEach((value, i) => {
      if (value === null) return;
      shapes.push({ kind: 'marker', shape: style.marker, x: x(i), y: y(value), size: 6, fill: colour, stroke: chartPalette.background });
      // Two series: the first's values above its points, the second's below, so they do not collide.
      const below = s % 2 === 1 && y(value) + 16 < plot.bottom;
      shapes.push({ kind: 'text', x: x(i), y: below ? y(value) + 14 : y(value) - 6, text: series.valueText(value, i), size: sizes.value, anchor: 'middle', fill: chartPalette.ink, bold: true });
    });
  });
  return { id: spec.id, title: spec.title, description: spec.description, width: chartWidth, height, shapes };
}

function header(shapes: ChartShape[], title: string, subtitle: string) {
  shapes.push({ kind: 'text', x: 0, y: 16, text: title, size: sizes.title, anchor: 'start', fill: chartPalette.ink, bold: true });
  shapes.push({ kind: 'text', x: 0, y: 31, text: subtitle, size: sizes.tick, anchor: 'start', fill: chartPalette.muted });
}

const noData = (x: number, y: number): ChartShape => ({ kind: 'text', x, y, text: '暂无数据', size: sizes.label, anchor: 'middle', fill: chartPalette.muted });

// ---------------------------------------------------------------------------------------------------------
// SVG

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const num = (n: number): string => String(Math.round(n * 100) / 100);

/** A marker's outline as a path: the same three shapes the PDF draws. */
export function markerPath(shape: 'circle' | 'square' | 'triangle', x: number, y: number, size: number): string {
  const h = size / 2;
  if (shape === 'square') return `M${num(x - h)} ${num(y - h)}H${num(x + h)}V${num(y + h)}H${num(x - h)}Z`;
  if (shape === 'triangle') return `M${num(x)} ${num(y - h - 0.5)}L${num(x + h + 0.5)} ${num(y + h)}L${num(x - h - 0.5)} ${num(y + h)}Z`;
  return `M${num(x - h)} ${num(y)}A${num(h)} ${num(h)} 0 1 0 ${num(x + h)} ${num(y)}A${num(h)} ${num(h)} 0 1 0 ${num(x - h)} ${num(y)}Z`;
}

function shapeSvg(shape: ChartShape): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.width)}" height="${num(shape.height)}" fill="${shape.fill}"${shape.stroke ? ` stroke="${shape.stroke}"` : ''}/>`;
    case 'line':
      return `<line x1="${num(shape.x1)}" y1="${num(shape.y1)}" x2="${num(shape.x2)}" y2="${num(shape.y2)}" stroke="${shape.stroke}" stroke-width="${num(shape.width)}"${dashAttr(shape.dash)}/>`;
    case 'polyline':
      return `<polyline points="${shape.points.map(([px, py]) => `${num(px)},${num(py)}`).join(' ')}" fill="none" stroke="${shape.stroke}" stroke-width="${num(shape.width)}" stroke-linejoin="round"${dashAttr(shape.dash)}/>`;
    case 'marker':
      return `<path d="${markerPath(shape.shape, shape.x, shape.y, shape.size)}" fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="1"/>`;
    case 'text':
      return `<text x="${num(shape.x)}" y="${num(shape.y)}" font-size="${num(shape.size)}" text-anchor="${shape.anchor}" fill="${shape.fill}"${shape.bold ? ' font-weight="bold"' : ''}>${escapeXml(shape.text)}</text>`;
  }
}
const dashAttr = (dash: readonly number[] | undefined) => (dash ? ` stroke-dasharray="${dash.join(' ')}"` : '');

/** The chart as a standalone SVG document: scalable (viewBox), `role="img"`, titled and described for screen readers. */
export function chartSvg(chart: ChartDrawing): string {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(chart.width)} ${num(chart.height)}" width="${num(chart.width)}" height="${num(chart.height)}" role="img" aria-labelledby="${titleId} ${descId}" font-family="${escapeXml(chartFontFamily)}">`,
    `<title id="${titleId}">${escapeXml(chart.title)}</title>`,
    `<desc id="${descId}">${escapeXml(chart.description)}</desc>`,
    `<rect x="0" y="0" width="${num(chart.width)}" height="${num(chart.height)}" fill="${chartPalette.background}"/>`,
    // The drawing itself is the picture the title and description speak for.
    `<g aria-hidden="true">`,
    ...chart.shapes.map(shapeSvg),
    `</g>`,
    `</svg>`,
  ].join('\n');
}

const rendered = (chart: ChartDrawing): RenderedChart => ({ ...chart, svg: chartSvg(chart) });

// ---------------------------------------------------------------------------------------------------------
// The bulletin's charts

/** How a department's usage list of the month stands, in the bulletin's words (the charts, the PDF, the workbook, the console). */
export const usageListLabels: Record<BulletinDepartmentRow['usageList'], string> = { onTime: '按时', late: '逾期', missing: '未报送', notDue: '无需报送' };
/** The two kinds of accountability candidate (责任追究线索), in the bulletin's words. */
export const accountabilityKindLabels: Record<BulletinAccountabilityRow['kind'], string> = { decidedWithoutCheck: '办理未核查', punishmentUnexplained: '惩戒未说明' };

const chartId = (content: BulletinContent, name: string) => `bulletin-${content.month}-${name}`;
const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const coverageWords = (coverage: number | null) => (coverage === null ? '无办件' : percentText(coverage));

/** (a) Checks per department, bars in the bulletin's order (best score first), each department's coverage beside. */
export function departmentChecksChart(content: BulletinContent): RenderedChart {
  const rows = content.departments;
  return rendered(
    horizontalBarChart({
      id: chartId(content, 'department-checks'),
      title: `${monthWords(content.month)}各部门信用核查次数`,
      subtitle: '单位：次；右列为覆盖率（已核查办件 ÷ 办件数）',
      description: rows.length
        ? `${monthWords(content.month)}各部门信用核查次数与覆盖率：${rows.map((r) => `${r.name}核查${r.checks}次，覆盖率${coverageWords(r.coverage)}`).join('；')}。`
        : `${monthWords(content.month)}暂无部门数据。`,
      rows: rows.map((r) => ({ label: r.name, value: r.checks, valueText: `${r.checks}`, beside: coverageWords(r.coverage) })),
      besideHeader: '覆盖率',
    }),
  );
}

/** (b) Each department's score (0–100), with its rank beside. */
export function departmentScoreChart(content: BulletinContent): RenderedChart {
  const rows = content.departments;
  return rendered(
    horizontalBarChart({
      id: chartId(content, 'department-scores'),
      title: `${monthWords(content.month)}各部门考核得分`,
      subtitle: '满分 100 分；右列为名次',
      description: rows.length
        ? `${monthWords(content.month)}各部门考核得分：${rows.map((r) => `${r.name}${scoreText(r.score)}分，第${r.rank}名`).join('；')}。`
        : `${monthWords(content.month)}暂无部门数据。`,
      rows: rows.map((r) => ({ label: r.name, value: r.score, valueText: scoreText(r.score), beside: `第${r.rank}名` })),
      besideHeader: '名次',
      scaleMax: 100,
    }),
  );
}

const trendWords = (trend: BulletinTrendPoint[], say: (p: BulletinTrendPoint) => string) =>
  trend.length ? `${trend.map((p) => `${monthWords(p.month)}${say(p)}`).join('；')}。` : '暂无数据。';

/** A month's usage lists on time as a ratio, null when none was due. */
export const listsOnTimeRatio = (p: BulletinTrendPoint): number | null => (p.listsDue > 0 ? p.listsOnTime / p.listsDue : null);

/** (c) The county's totals month by month: checks, coverage, late publications with overdue answers, usage lists on time. */
export function trendCharts(content: BulletinContent): RenderedChart[] {
  const trend = content.trend;
  const months = trend.map((p) => p.month);
  const span = trend.length ? `${monthWords(trend[0]!.month)}至${monthWords(trend.at(-1)!.month)}` : '';
  const percentTick = (v: number) => `${Math.round(v * 100)}%`;
  const charts: ChartDrawing[] = [
    lineChart({
      id: chartId(content, 'trend-checks'),
      title: '全县信用核查次数趋势',
      subtitle: `单位：次；${span}`,
      description: `全县每月信用核查次数：${trendWords(trend, (p) => `${p.checks}次`)}`,
      months,
      series: [{ name: '核查次数', values: trend.map((p) => p.checks), valueText: countText }],
    }),
    lineChart({
      id: chartId(content, 'trend-coverage'),
      title: '全县逢办必查覆盖率趋势',
      subtitle: `已核查办件 ÷ 办件数；${span}`,
      description: `全县每月覆盖率：${trendWords(trend, (p) => coverageWords(p.coverage))}`,
      months,
      series: [{ name: '覆盖率', values: trend.map((p) => p.coverage), valueText: percentText }],
      scaleMax: 1,
      integer: false,
      tickText: percentTick,
      emptyText: '无办件',
    }),
    lineChart({
      id: chartId(content, 'trend-late'),
      title: '逾期公示与逾期答复趋势',
      subtitle: `单位：件；${span}`,
      description: `全县每月逾期公示与逾期答复：${trendWords(trend, (p) => `逾期公示${p.latePublications}件、逾期答复${p.overdueAnswers}件`)}`,
      months,
      series: [
        { name: '逾期公示', values: trend.map((p) => p.latePublications), valueText: countText },
        { name: '逾期答复', values: trend.map((p) => p.overdueAnswers), valueText: countText },
      ],
    }),
    lineChart({
      id: chartId(content, 'trend-lists'),
      title: '使用情况清单按时报送趋势',
      subtitle: `按时报送部门数 ÷ 应报送部门数；${span}`,
      description: `每月按时报送使用情况清单的部门：${trendWords(trend, (p) => (p.listsDue > 0 ? `${p.listsOnTime}/${p.listsDue}个部门按时` : '无应报送'))}`,
      months,
      series: [{ name: '按时报送', values: trend.map(listsOnTimeRatio), valueText: (_v, i) => `${trend[i]!.listsOnTime}/${trend[i]!.listsDue}` }],
      scaleMax: 1,
      integer: false,
      tickText: percentTick,
      emptyText: '无应报',
    }),
  ];
  return charts.map(rendered);
}

/** Every chart of the bulletin, in the order the PDF shows them. */
export function bulletinCharts(content: BulletinContent): RenderedChart[] {
  return [departmentChecksChart(content), departmentScoreChart(content), ...trendCharts(content)];
}
