import PDFDocument from 'pdfkit';
import type { ReportContent, ReportItem } from './report-content.ts';
import type { NationalEntryView } from '../national-lists/port.ts';
import { pdfFonts, type PdfFonts } from '../pdf/pdf-fonts.ts';
import { PdfTextWriter } from '../pdf/pdf-text-writer.ts';
import { chineseOrdinal } from './report-sections.ts';
import { groupedCode, verificationPath } from './verification-code.ts';

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
}

/** A4 in points; margins leave room for the footer every page carries. */
const page = { width: 595.28, height: 841.89, left: 48, right: 48, top: 56, bottom: 72 };
const contentWidth = page.width - page.left - page.right;
const colours = { ink: '#1a1a1a', heading: '#1f3a5f', muted: '#5b6573', rule: '#b8c0cc', headerFill: '#eef2f7', flagYes: '#a61b1b', flagGood: '#1d6b35' };
/** The item table: 序号, 决定文书号, 决定日期, 决定机关, 内容, 公示截止 (widths add up to the content width). */
const itemColumns = [
  { title: '序号', width: 28 },
  { title: '决定文书号', width: 92 },
  { title: '决定日期', width: 58 },
  { title: '决定机关', width: 88 },
  { title: '内容', width: contentWidth - 28 - 92 - 58 - 88 - 58 },
  { title: '公示截止', width: 58 },
] as const;
const cellPadding = 4;
/** The national lists' table: 序号, 名单, 案号 / 文号, 列入日期, 内容, 数据日期. */
const nationalColumns = [
  { title: '序号', width: 28 },
  { title: '名单', width: 78 },
  { title: '案号 / 文号', width: 92 },
  { title: '列入日期', width: 56 },
  { title: '内容', width: contentWidth - 28 - 78 - 92 - 56 - 70 },
  { title: '数据日期', width: 70 },
] as const;
/** Of the national lists' section: its title, after the record sections. */
const nationalHeading = '国家名单信息';

/**
 * The report as a PDF in Chinese: a cover (subject, ID, date, verification code, incentive and
 * punishment flags, the count of each section, notes), then each section with its count and a table of
 * its records ("无" when there are none). Every page's footer carries the verification code and the path
 * where it is checked. Text is set in Noto Sans SC, embedded as subsets of the glyphs drawn.
 */
export async function renderReportPdf(content: ReportContent, code: string, fonts: PdfFonts = pdfFonts()): Promise<RenderedReport> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.top, bottom: page.bottom, left: page.left, right: page.right },
    bufferPages: true,
    // No default font: pdfkit's, Helvetica, would be read from files a Lambda bundle lacks. Writer sets ours.
    font: null as unknown as string,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: '公共信用信息报告',
      Subject: `${content.subject.name} 公共信用信息报告`,
      Author: content.county.siteName,
      Keywords: `报告验证码 ${groupedCode(code)}`,
      CreationDate: new Date(content.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const w = new PdfTextWriter(doc, fonts);
  cover(w, content, code);
  for (const [index, section] of content.sections.entries()) sectionPages(w, `${chineseOrdinal(index + 1)}、${section.heading}`, section.count, section.items, index === 0);
  if (content.nationalLists?.sources.length) nationalPages(w, `${chineseOrdinal(content.sections.length + 1)}、${nationalHeading}`, content.nationalLists);
  const pages = footers(w, code);
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}

function cover(w: PdfTextWriter, content: ReportContent, code: string) {
  const { doc } = w;
  w.write(`${content.county.siteName} · ${content.county.name}公共信用信息平台`, page.left, page.top, { size: 9, colour: colours.muted, width: contentWidth, align: 'right' });
  w.write('公共信用信息报告', page.left, 120, { size: 28, bold: true, colour: colours.heading, width: contentWidth, align: 'center' });
  w.write(`（${content.subject.type === 'uscc' ? '法人和非法人组织' : '自然人'}版）`, page.left, 166, { size: 12, colour: colours.muted, width: contentWidth, align: 'center' });

  const flag = (yes: boolean, basis: string[], note?: string) => ({
    text: yes ? `是（依据：${basis.join('；')}）` : note ? `否（${note}）` : '否',
    colour: yes ? undefined : colours.flagGood,
  });
  const { flags } = content;
  const rows: { label: string; value: string; colour?: string }[] = [
    { label: '主体名称', value: content.subject.name },
    { label: content.subject.type === 'uscc' ? '统一社会信用代码' : '公民身份号码', value: content.subject.id },
    { label: '报告生成日期', value: `${content.generatedOn}（北京时间 ${beijingTime(content.generatedAt)}）` },
    { label: '报告验证码', value: groupedCode(code) },
    { label: '守信激励对象', ...pick(flag(flags.incentiveObject, flags.incentiveBasis)) },
    {
      label: '失信惩戒对象',
      ...pick(flag(flags.punishmentObject, flags.punishmentBasis, flags.punishmentSuspended ? '相关记录异议核实中，惩戒措施暂停执行' : undefined)),
      ...(flags.punishmentObject ? { colour: colours.flagYes } : {}),
    },
  ];
  let y = 215;
  const labelWidth = 120;
  for (const row of rows) {
    const height = Math.max(w.height(row.value, contentWidth - labelWidth - 2 * cellPadding, 11), w.height(row.label, labelWidth, 11)) + 2 * cellPadding + 2;
    doc.rect(page.left, y, labelWidth, height).fillAndStroke(colours.headerFill, colours.rule);
    doc.rect(page.left + labelWidth, y, contentWidth - labelWidth, height).stroke(colours.rule);
    w.write(row.label, page.left + cellPadding, y + cellPadding + 1, { size: 11, width: labelWidth - 2 * cellPadding, bold: true });
    w.write(row.value, page.left + labelWidth + cellPadding, y + cellPadding + 1, { size: 11, width: contentWidth - labelWidth - 2 * cellPadding, colour: row.colour });
    y += height;
  }

  y += 24;
  w.write('信息概要', page.left, y, { size: 14, bold: true, colour: colours.heading });
  y += 24;
  for (const [index, section] of content.sections.entries()) {
    doc.rect(page.left, y, contentWidth, 20).stroke(colours.rule);
    w.write(`${chineseOrdinal(index + 1)}、${section.heading}`, page.left + cellPadding, y + 5, { size: 10.5, width: contentWidth - 100 });
    w.write(`共 ${section.count} 条`, page.left + contentWidth - 100, y + 5, { size: 10.5, width: 100 - cellPadding, align: 'right', bold: section.count > 0 });
    y += 20;
  }
  if (content.nationalLists?.sources.length) {
    const count = content.nationalLists.entries.length;
    doc.rect(page.left, y, contentWidth, 20).stroke(colours.rule);
    w.write(`${chineseOrdinal(content.sections.length + 1)}、${nationalHeading}`, page.left + cellPadding, y + 5, { size: 10.5, width: contentWidth - 100 });
    w.write(`共 ${count} 条`, page.left + contentWidth - 100, y + 5, { size: 10.5, width: 100 - cellPadding, align: 'right', bold: count > 0 });
    y += 20;
  }

  y += 20;
  w.write('说明', page.left, y, { size: 11, bold: true, colour: colours.heading });
  y += 18;
  const notes = [
    `本报告由${content.county.siteName}平台根据${content.county.name}公共信用信息平台归集的信息生成，仅载入生成之日处于公示期内的信用记录；平台由${content.county.creditOfficeName}运营。`,
    `凭报告验证码可在 ${verificationPath(code)} 核验本报告的真实性，及其所载主体名称、证件号码、生成日期、各类信息条数和本文件的 SHA-256 摘要。`,
    '自然人的公民身份号码，除本人和信用办外，仅显示前六位和后四位。标注“异议处理中”的记录，其惩戒措施在核实期间暂停执行（法律另有规定的除外）。',
    '对本报告所载信息有异议的，可向信息提供单位或信用办提出异议；已纠正失信行为的，可申请信用修复。',
    ...(content.nationalLists?.sources.length
      ? ['国家名单信息来自各名单的公布机关，按信用办导入的名单文件载入，并注明每份名单的数据日期；对其有异议或已履行、已修复的，应向公布机关申请，公布机关移出或修复后，下次导入即予更新。']
      : []),
  ];
  for (const [index, note] of notes.entries()) {
    w.write(`${index + 1}. ${note}`, page.left, y, { size: 9, width: contentWidth, colour: colours.muted });
    y = w.doc.y + 4;
  }
}

function sectionPages(w: PdfTextWriter, heading: string, count: number, items: ReportItem[], first: boolean) {
  const { doc } = w;
  if (first) doc.addPage();
  let y = first ? page.top : doc.y + 18;
  const headerHeight = w.height('决定文书号', itemColumns[1].width - 2 * cellPadding, 9) + 2 * cellPadding;
  // A heading is never left alone at the foot of a page.
  if (y + 24 + headerHeight + 40 > limit()) {
    doc.addPage();
    y = page.top;
  }
  w.write(`${heading}（共 ${count} 条）`, page.left, y, { size: 13, bold: true, colour: colours.heading });
  y += 24;
  if (items.length === 0) {
    w.write('无', page.left + 12, y, { size: 10.5, colour: colours.muted });
    doc.y = y + 16;
    return;
  }
  y = tableHeader(w, y, headerHeight);
  for (const [index, item] of items.entries()) {
    const cells = [
      String(index + 1),
      item.decisionNumber,
      item.decisionDate,
      item.authority,
      item.underObjection ? `${item.content}（异议处理中）` : item.content,
      item.publicUntil ?? '长期',
    ];
    const height = Math.max(...cells.map((text, i) => w.height(text, itemColumns[i]!.width - 2 * cellPadding, 8.5))) + 2 * cellPadding;
    if (y + height > limit()) {
      doc.addPage();
      y = tableHeader(w, page.top, headerHeight);
    }
    let x = page.left;
    for (const [i, column] of itemColumns.entries()) {
      doc.rect(x, y, column.width, height).stroke(colours.rule);
      w.write(cells[i]!, x + cellPadding, y + cellPadding, { size: 8.5, width: column.width - 2 * cellPadding, colour: i === 4 && item.underObjection ? colours.flagYes : undefined });
      x += column.width;
    }
    y += height;
  }
  doc.y = y;
}

/** The national lists' section: each list's data date and freshness, then the subject's entries in force. */
function nationalPages(w: PdfTextWriter, heading: string, national: NonNullable<ReportContent['nationalLists']>) {
  const { doc } = w;
  let y = doc.y + 18;
  const headerHeight = w.height('案号 / 文号', nationalColumns[2].width - 2 * cellPadding, 9) + 2 * cellPadding;
  if (y + 24 + 16 * national.sources.length + headerHeight + 40 > limit()) {
    doc.addPage();
    y = page.top;
  }
  w.write(`${heading}（共 ${national.entries.length} 条）`, page.left, y, { size: 13, bold: true, colour: colours.heading });
  y += 24;
  for (const s of national.sources) {
    const age = s.listDate === null ? '尚未导入' : `数据日期 ${s.listDate}（${s.ageDays} 天前）${s.stale ? `，超过 ${s.staleAfterDays} 天未更新` : ''}`;
    w.write(`${s.name}（${s.publisher}）：${age}`, page.left + 12, y, { size: 9, width: contentWidth - 12, colour: s.stale ? colours.flagYes : colours.muted });
    y = doc.y + 3;
  }
  y += 6;
  if (national.entries.length === 0) {
    w.write('无', page.left + 12, y, { size: 10.5, colour: colours.muted });
    doc.y = y + 16;
    return;
  }
  y = tableHeader(w, y, headerHeight, nationalColumns);
  for (const [index, entry] of national.entries.entries()) {
    const cells = [String(index + 1), `${entry.listLabel}（${entry.publisher}）`, entry.caseNumber ?? entry.documentNumber ?? '—', entry.listedOn ?? entry.decidedOn ?? '—', nationalContent(entry), entry.listDate === null ? '—' : `${entry.listDate}${entry.stale ? '（未及时更新）' : ''}`];
    const height = Math.max(...cells.map((text, i) => w.height(text, nationalColumns[i]!.width - 2 * cellPadding, 8.5))) + 2 * cellPadding;
    if (y + height > limit()) {
      doc.addPage();
      y = tableHeader(w, page.top, headerHeight, nationalColumns);
    }
    let x = page.left;
    for (const [i, column] of nationalColumns.entries()) {
      doc.rect(x, y, column.width, height).stroke(colours.rule);
      w.write(cells[i]!, x + cellPadding, y + cellPadding, { size: 8.5, width: column.width - 2 * cellPadding, colour: i === 5 && entry.stale ? colours.flagYes : undefined });
      x += column.width;
    }
    y += height;
  }
  doc.y = y;
}

/** The content column of a national entry: who listed it, on what basis, for what; cut as a record's is. */
function nationalContent(entry: NationalEntryView): string {
  const text = [entry.authority && `${entry.authority.label}：${entry.authority.name}`, entry.basis.text && `${entry.basis.label}：${entry.basis.text}`, entry.conduct && `${entry.conduct.label}：${entry.conduct.text}`, entry.endsOn && `公布截止：${entry.endsOn}`]
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join('；');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

function tableHeader(w: PdfTextWriter, y: number, height: number, columns: readonly { title: string; width: number }[] = itemColumns): number {
  let x = page.left;
  for (const column of columns) {
    w.doc.rect(x, y, column.width, height).fillAndStroke(colours.headerFill, colours.rule);
    w.write(column.title, x + cellPadding, y + cellPadding, { size: 9, width: column.width - 2 * cellPadding, bold: true });
    x += column.width;
  }
  return y + height;
}

/** The verification code, where to check it and the page number at the foot of every page. */
function footers(w: PdfTextWriter, code: string): number {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: the footer lies in the margin on purpose.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = page.height - 48;
    doc.moveTo(page.left, y - 6).lineTo(page.width - page.right, y - 6).lineWidth(0.5).stroke(colours.rule);
    w.write(`报告验证码：${groupedCode(code)}　核验地址：${verificationPath(code)}`, page.left, y, { size: 8, colour: colours.muted, width: contentWidth - 90, lineBreak: false });
    w.write(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, page.width - page.right - 90, y, { size: 8, colour: colours.muted, width: 90, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  return range.count;
}

const limit = () => page.height - page.bottom;
const pick = (f: { text: string; colour?: string }) => ({ value: f.text, ...(f.colour ? { colour: f.colour } : {}) });
/** HH:mm in Beijing time (the county's zone: every county is in Asia/Shanghai). */
const beijingTime = (instant: string) => new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
