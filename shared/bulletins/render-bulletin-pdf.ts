import PDFDocument from 'pdfkit';
import { pdfFonts, type PdfFonts } from '../pdf/pdf-fonts.ts';
import { PdfTextWriter, type WriteOptions } from '../pdf/pdf-text-writer.ts';
import { accountabilityKindLabels, departmentChecksChart, departmentScoreChart, percentText, trendCharts, usageListLabels, type ChartDrawing, type ChartShape } from './bulletin-charts.ts';
import type { BulletinAccountabilityRow, BulletinContent, BulletinDepartmentRow } from './bulletin-content.ts';

/** A4 in points; margins leave room for the footer every page carries. */
const page = { width: 595.28, height: 841.89, left: 48, right: 48, top: 56, bottom: 72 };
const contentWidth = page.width - page.left - page.right;
const colours = { ink: '#1a1a1a', heading: '#1f3a5f', muted: '#5b6573', rule: '#b8c0cc', headerFill: '#eef2f7', totalFill: '#f6f8fb', draft: '#a61b1b', watermark: '#9aa3ad' };
const cellPadding = 3;
const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];


interface Column {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** 部门情况: name, checks, outcomes, matters handled/checked, coverage, late publications, overdue answers, usage list, filings, score, rank. */
const departmentColumnsFixed: Column[] = [
  { title: '核查次数', width: 34, align: 'right' },
  { title: '已录入结果', width: 38, align: 'right' },
  { title: '办件数/已核查', width: 50, align: 'right' },
  { title: '覆盖率', width: 40, align: 'right' },
  { title: '逾期公示', width: 34, align: 'right' },
  { title: '逾期答复', width: 34, align: 'right' },
  { title: '使用清单', width: 40, align: 'center' },
  { title: '材料按时/应报', width: 44, align: 'center' },
  { title: '得分', width: 32, align: 'right' },
  { title: '名次', width: 28, align: 'center' },
];
const departmentColumns: Column[] = [{ title: '部门', width: contentWidth - departmentColumnsFixed.reduce((s, c) => s + c.width, 0) }, ...departmentColumnsFixed];

const accountabilityColumnsFixed: Column[] = [
  { title: '序号', width: 22, align: 'center' },
  { title: '部门', width: 62 },
  { title: '类型', width: 46 },
  { title: '办件编号/核查编号', width: 88 },
  { title: '事项', width: 66 },
  { title: '主体', width: 80 },
  { title: '日期', width: 50 },
];
const accountabilityColumns: Column[] = [...accountabilityColumnsFixed, { title: '情况', width: contentWidth - accountabilityColumnsFixed.reduce((s, c) => s + c.width, 0) }];

const scoringColumns: Column[] = [
  { title: '评分项', width: 110 },
  { title: '权重', width: 44, align: 'right' },
  { title: '说明', width: contentWidth - 154 },
];

export interface RenderBulletinOptions {
  /** The fonts (tests pass their own); the process's, loaded once, otherwise. */
  fonts?: PdfFonts;
}

/**
 * The monthly bulletin (月通报) as an A4 PDF in Chinese: the title, month, county and office; the office's
 * text; the month's figures per department in a table; the department charts and the county's trend charts,
 * drawn as vectors from the same shapes the console's SVG shows (bulletin-charts.ts); the accountability
 * list (a table over as many pages as it needs, its header repeated); the scoring rules with their clause.
 * Every page's footer carries the title and the page number; a draft says 草稿 on every page (footer and
 * watermark). Text is set in Noto Sans SC, embedded as subsets of the glyphs drawn, so it can be extracted.
 */
export async function renderBulletinPdf(content: BulletinContent, options: RenderBulletinOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? pdfFonts();
  const day = content.publishedOn ?? content.asOf;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.top, bottom: page.bottom, left: page.left, right: page.right },
    bufferPages: true,
    // No default font: pdfkit's, Helvetica, would be read from files a Lambda bundle lacks. The writer sets ours.
    font: null as unknown as string,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: content.state === 'draft' ? `${content.title}（草稿）` : content.title,
      Subject: `${content.county.name}${monthWords(content.month)}信用信息应用情况通报`,
      Author: content.county.creditOfficeName,
      Creator: content.county.siteName,
      CreationDate: new Date(`${day}T00:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const w = new ChartTextWriter(doc, fonts);
  const layout = new Layout(w);
  titleBlock(layout, content);
  sections(layout, content);
  footers(w, content);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The kernel's text writer, and what a chart's texts need besides: a text's width on one line (to anchor it
 * at its middle or end, as SVG does) and writing on a baseline (SVG's y) rather than from the line's top.
 */
export class ChartTextWriter extends PdfTextWriter {
  /** The width `text` takes on one line at `size`, measured in the primary font as `height` measures. */
  width(text: string, size: number): number {
    this.use(this.fonts.primary.name);
    return this.doc.fontSize(size).widthOfString([...text].map((c) => (this.fonts.fontFor(c) === this.fonts.primary ? c : '中')).join(''));
  }

  /** `text` with its baseline at `y`: pdfkit sets a line's top at y, the baseline one ascent below (every cut of the family shares the ascent). */
  writeOnBaseline(text: string, x: number, y: number, options: WriteOptions) {
    const font = this.fonts.primary.font;
    this.write(text, x, y - (font.ascent / font.unitsPerEm) * options.size, options);
  }
}

/** The cursor down the pages: `y`, and a new page when what comes next does not fit. */
class Layout {
  y = page.top;
  private section = 0;
  constructor(readonly w: ChartTextWriter) {}

  get doc() {
    return this.w.doc;
  }

  /** Room for `height` more points on this page, else a new page. */
  need(height: number) {
    if (this.y + height > page.height - page.bottom) {
      this.doc.addPage();
      this.y = page.top;
    }
  }

  /** A numbered heading, never left alone at the foot of a page (`following`: what must fit under it). */
  heading(text: string, following = 60) {
    this.y += 10;
    this.need(24 + following);
    this.w.write(`${ordinals[this.section] ?? this.section + 1}、${text}`, page.left, this.y, { size: 13, bold: true, colour: colours.heading });
    this.section += 1;
    this.y += 24;
  }

  paragraph(text: string, options: { size?: number; colour?: string; indent?: boolean } = {}) {
    const size = options.size ?? 10.5;
    const shown = options.indent === false ? text : `\u3000\u3000${text}`;
    const height = this.w.height(shown, contentWidth, size);
    // A paragraph longer than a page flows on by itself; a shorter one is not split.
    if (height < page.height - page.top - page.bottom) this.need(height);
    this.w.write(shown, page.left, this.y, { size, width: contentWidth, colour: options.colour });
    this.y = this.doc.y + 6;
  }
}

function titleBlock(layout: Layout, content: BulletinContent) {
  const { w } = layout;
  w.write(`${content.county.siteName} · ${content.county.name}公共信用信息平台`, page.left, page.top, { size: 9, colour: colours.muted, width: contentWidth, align: 'right' });
  if (content.state === 'draft') {
    // The draft label in a box at the top left: seen before anything else.
    w.doc.rect(page.left, page.top - 3, 44, 18).lineWidth(1).stroke(colours.draft);
    w.write('草稿', page.left, page.top, { size: 10, bold: true, colour: colours.draft, width: 44, align: 'center' });
  }
  let y = page.top + 36;
  const titleHeight = w.height(content.title, contentWidth, 20);
  w.write(content.title, page.left, y, { size: 20, bold: true, colour: colours.heading, width: contentWidth, align: 'center' });
  y += titleHeight + 10;
  const meta = [
    `通报月份：${monthWords(content.month)}　　数据截至：${content.asOf}`,
    `${content.county.name}　${content.county.creditOfficeName}`,
    content.state === 'published' && content.publishedOn ? `发布日期：${content.publishedOn}` : '状态：草稿（未发布，不得对外引用）',
    // Where the county's notice reports the bulletin up (Zanhuang 002 三(四): 县委、县政府).
    ...(content.reportedTo?.length ? [`报送：${content.reportedTo.join('、')}`] : []),
  ];
  for (const line of meta) {
    w.write(line, page.left, y, { size: 10.5, colour: line.startsWith('状态：草稿') ? colours.draft : colours.muted, width: contentWidth, align: 'center' });
    y += 17;
  }
  y += 6;
  w.doc.moveTo(page.left, y).lineTo(page.width - page.right, y).lineWidth(1).stroke(colours.heading);
  layout.y = y + 14;
}

function sections(layout: Layout, content: BulletinContent) {
  const { w } = layout;
  const departments = content.departments;

  if (content.officeText.length > 0 || content.state === 'draft') {
    layout.heading('总体情况', 40);
    if (content.officeText.length === 0) layout.paragraph('（信用办尚未填写通报正文，发布前补充。）', { colour: colours.draft, indent: false });
    for (const text of content.officeText) layout.paragraph(text);
  }

  layout.heading('各部门情况', 80);
  layout.paragraph(summarySentence(content), { size: 10 });
  layout.y += 2;
  if (departments.length === 0) layout.paragraph('本月无已登记部门。', { colour: colours.muted, indent: false });
  else table(layout, departmentColumns, [...departments.map(departmentCells), totalCells(departments)], { size: 7.5, lastRowTotal: true });
  layout.y += 4;
  layout.paragraph('注：覆盖率 = 已核查办件数 ÷ 办件数（部门报送），无办件的为“无办件”；材料为本月应报送的工作总结等文件，按时/应报；名次按得分排列。', { size: 8, colour: colours.muted, indent: false });

  const departmentCharts = [departmentChecksChart(content), departmentScoreChart(content)];
  layout.heading('核查与得分', chartHeight(departmentCharts[0]!));
  for (const chart of departmentCharts) placeChart(layout, chart);

  const trends = trendCharts(content);
  layout.heading('全县趋势', chartHeight(trends[0]!));
  for (const chart of trends) placeChart(layout, chart);

  layout.heading('责任追究线索', 60);
  layout.paragraph(
    content.accountability.length
      ? `本月共 ${content.accountability.length} 条：办理事项未核查信用记录 ${content.accountability.filter((a) => a.kind === 'decidedWithoutCheck').length} 条，核查提示的惩戒措施既未适用也未说明理由 ${content.accountability.filter((a) => a.kind === 'punishmentUnexplained').length} 条。请有关部门核实整改，信用办依规追究责任。`
      : '本月无责任追究线索。',
    { size: 10 },
  );
  if (content.accountability.length) table(layout, accountabilityColumns, content.accountability.map(accountabilityCells), { size: 7.5 });

  layout.heading('考核评分规则', 60);
  if (content.scoring.rules.length) table(layout, scoringColumns, content.scoring.rules.map((r) => [r.name, formatNumber(r.weight), r.description]), { size: 8.5 });
  layout.y += 4;
  layout.paragraph(`依据：${content.scoring.clause}`, { size: 9, colour: colours.muted, indent: false });
}

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));
const coverageText = (coverage: number | null) => (coverage === null ? '无办件' : percentText(coverage));
const sum = (rows: BulletinDepartmentRow[], pick: (r: BulletinDepartmentRow) => number) => rows.reduce((s, r) => s + pick(r), 0);

function summarySentence(content: BulletinContent): string {
  const d = content.departments;
  const handled = sum(d, (r) => r.mattersHandled);
  const checked = sum(d, (r) => r.mattersChecked);
  const due = d.filter((r) => r.usageList !== 'notDue');
  return (
    `${monthWords(content.month)}，全县 ${d.length} 个部门共开展信用核查 ${sum(d, (r) => r.checks)} 次，录入核查结果 ${sum(d, (r) => r.withOutcome)} 次；` +
    `报送办件 ${handled} 件，其中已核查 ${checked} 件，覆盖率 ${handled > 0 ? percentText(checked / handled) : '无办件'}；` +
    `逾期公示 ${sum(d, (r) => r.latePublications)} 件，逾期答复 ${sum(d, (r) => r.overdueAnswers)} 件；` +
    `应报送使用情况清单 ${due.length} 个部门，按时 ${due.filter((r) => r.usageList === 'onTime').length} 个。`
  );
}

function departmentCells(r: BulletinDepartmentRow): string[] {
  return [
    r.name,
    String(r.checks),
    String(r.withOutcome),
    `${r.mattersHandled}/${r.mattersChecked}`,
    coverageText(r.coverage),
    String(r.latePublications),
    String(r.overdueAnswers),
    usageListLabels[r.usageList],
    r.filings.due > 0 ? `${r.filings.onTime}/${r.filings.due}` : '—',
    formatNumber(r.score),
    String(r.rank),
  ];
}

function totalCells(rows: BulletinDepartmentRow[]): string[] {
  const handled = sum(rows, (r) => r.mattersHandled);
  const checked = sum(rows, (r) => r.mattersChecked);
  const filingsDue = sum(rows, (r) => r.filings.due);
  const due = rows.filter((r) => r.usageList !== 'notDue');
  return [
    '合计',
    String(sum(rows, (r) => r.checks)),
    String(sum(rows, (r) => r.withOutcome)),
    `${handled}/${checked}`,
    handled > 0 ? percentText(checked / handled) : '无办件',
    String(sum(rows, (r) => r.latePublications)),
    String(sum(rows, (r) => r.overdueAnswers)),
    due.length ? `按时${due.filter((r) => r.usageList === 'onTime').length}/${due.length}` : '—',
    filingsDue > 0 ? `${sum(rows, (r) => r.filings.onTime)}/${filingsDue}` : '—',
    '—',
    '—',
  ];
}

const accountabilityCells = (r: BulletinAccountabilityRow, i: number): string[] => [String(i + 1), r.department, accountabilityKindLabels[r.kind], r.reference, r.matterName, r.subject, r.date, r.detail];

/** A table with its header on every page it reaches: a row that does not fit starts a new page under a repeated header. */
function table(layout: Layout, columns: Column[], rows: string[][], options: { size: number; lastRowTotal?: boolean }) {
  const { w, doc } = layout;
  const headerSize = options.size;
  const headerHeight = Math.max(...columns.map((c) => w.height(c.title, c.width - 2 * cellPadding, headerSize))) + 2 * cellPadding;
  const rowHeight = (cells: string[]) => Math.max(...cells.map((text, i) => w.height(text, columns[i]!.width - 2 * cellPadding, options.size))) + 2 * cellPadding;
  const drawHeader = () => {
    let x = page.left;
    for (const column of columns) {
      doc.rect(x, layout.y, column.width, headerHeight).lineWidth(0.5).fillAndStroke(colours.headerFill, colours.rule);
      w.write(column.title, x + cellPadding, layout.y + cellPadding, { size: headerSize, width: column.width - 2 * cellPadding, bold: true, align: 'center' });
      x += column.width;
    }
    layout.y += headerHeight;
  };
  layout.need(headerHeight + (rows[0] ? rowHeight(rows[0]) : 0));
  drawHeader();
  rows.forEach((cells, r) => {
    const height = rowHeight(cells);
    if (layout.y + height > page.height - page.bottom) {
      doc.addPage();
      layout.y = page.top;
      drawHeader();
    }
    const total = options.lastRowTotal && r === rows.length - 1;
    let x = page.left;
    for (const [i, column] of columns.entries()) {
      if (total) doc.rect(x, layout.y, column.width, height).lineWidth(0.5).fillAndStroke(colours.totalFill, colours.rule);
      else doc.rect(x, layout.y, column.width, height).lineWidth(0.5).stroke(colours.rule);
      w.write(cells[i]!, x + cellPadding, layout.y + cellPadding, { size: options.size, width: column.width - 2 * cellPadding, align: column.align ?? 'left', bold: total });
      x += column.width;
    }
    layout.y += height;
  });
}

/** The height a chart takes on the page, at the content width. */
const chartHeight = (chart: ChartDrawing) => chart.height * (contentWidth / chart.width) + 12;

/** A chart at the content width, on this page if it fits, scaled from its own units. */
function placeChart(layout: Layout, chart: ChartDrawing) {
  layout.need(chartHeight(chart));
  drawChart(layout.w, chart, page.left, layout.y, contentWidth / chart.width);
  layout.y += chartHeight(chart);
}

/**
 * Draws a chart's shapes (bulletin-charts.ts) as PDF vectors: the same rectangles, lines, markers and texts
 * as the console's SVG, texts set on their baseline and anchored as SVG anchors them.
 */
export function drawChart(w: ChartTextWriter, chart: ChartDrawing, x: number, y: number, scale = 1) {
  const { doc } = w;
  doc.save();
  doc.translate(x, y).scale(scale);
  for (const shape of chart.shapes) drawShape(w, shape);
  doc.restore();
  doc.undash().lineWidth(0.5);
}

function drawShape(w: ChartTextWriter, shape: ChartShape) {
  const { doc } = w;
  switch (shape.kind) {
    case 'rect':
      doc.rect(shape.x, shape.y, shape.width, shape.height);
      if (shape.stroke) doc.lineWidth(0.5).fillAndStroke(shape.fill, shape.stroke);
      else doc.fill(shape.fill);
      return;
    case 'line':
      doc.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).lineWidth(shape.width);
      dash(doc, shape.dash);
      doc.stroke(shape.stroke);
      doc.undash();
      return;
    case 'polyline': {
      const [first, ...rest] = shape.points;
      if (!first) return;
      doc.moveTo(first[0], first[1]);
      for (const [px, py] of rest) doc.lineTo(px, py);
      doc.lineWidth(shape.width).lineJoin('round');
      dash(doc, shape.dash);
      doc.stroke(shape.stroke);
      doc.undash().lineJoin('miter');
      return;
    }
    case 'marker': {
      const h = shape.size / 2;
      if (shape.shape === 'circle') doc.circle(shape.x, shape.y, h);
      else if (shape.shape === 'square') doc.rect(shape.x - h, shape.y - h, shape.size, shape.size);
      else doc.polygon([shape.x, shape.y - h - 0.5], [shape.x + h + 0.5, shape.y + h], [shape.x - h - 0.5, shape.y + h]);
      doc.lineWidth(1).fillAndStroke(shape.fill, shape.stroke);
      return;
    }
    case 'text': {
      const width = shape.anchor === 'start' ? 0 : w.width(shape.text, shape.size);
      const left = shape.anchor === 'middle' ? shape.x - width / 2 : shape.anchor === 'end' ? shape.x - width : shape.x;
      w.writeOnBaseline(shape.text, left, shape.y, { size: shape.size, colour: shape.fill, bold: shape.bold ?? false, lineBreak: false });
      return;
    }
  }
}

const dash = (doc: PDFKit.PDFDocument, pattern: readonly number[] | undefined) => {
  if (pattern && pattern.length) doc.dash(pattern[0]!, { space: pattern[1] ?? pattern[0]! });
  else doc.undash();
};

/** The footer of every page (title, 草稿 on a draft, page x of n), and on a draft the watermark across each page. */
function footers(w: ChartTextWriter, content: BulletinContent) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const draft = content.state === 'draft';
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: the footer lies in the margin on purpose.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (draft) {
      doc.save();
      doc.rotate(-35, { origin: [page.width / 2, page.height / 2] });
      doc.fillOpacity(0.12);
      w.write('草稿', page.width / 2 - 110, page.height / 2 - 60, { size: 110, colour: colours.watermark, lineBreak: false });
      doc.restore();
    }
    const y = page.height - 48;
    doc.moveTo(page.left, y - 6).lineTo(page.width - page.right, y - 6).lineWidth(0.5).stroke(colours.rule);
    w.write(`${content.title}${draft ? '（草稿）' : ''}`, page.left, y, { size: 8, colour: draft ? colours.draft : colours.muted, width: contentWidth - 100, lineBreak: false });
    w.write(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, page.width - page.right - 100, y, { size: 8, colour: colours.muted, width: 100, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
