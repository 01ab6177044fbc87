import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { clauseLabel } from '../config/county-config.ts';
import { assessMonth, keepAssessment, parseMonth, shiftMonth } from '../compliance/port.ts';
import { listDepartments } from '../departments/port.ts';
import { conflict, notFound, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { publishNotices, type Notice } from '../notices/port.ts';
import { keys } from '../storage/keys.ts';
import { assembleBulletin, trendPoint } from './assemble-bulletin.ts';
import { bulletinSummary, type StoredBulletin } from './bulletin.ts';
import type { BulletinTrendPoint } from './bulletin-content.ts';
import { getBulletin, listBulletins, putBulletinFile, putFirstDraft, replaceBulletin } from './bulletin-store.ts';
import { canRead } from './bulletin.ts';
import { bulletinWorkbook } from './bulletin-workbook.ts';
import { renderBulletinPdf } from './render-bulletin-pdf.ts';

/** The trend before `month`: each earlier month from its bulletin when it has one, otherwise read now. */
async function earlierTrend(month: string, county: CountyConfig, now: Date): Promise<BulletinTrendPoint[]> {
  const months = Array.from({ length: county.bulletins.trendMonths - 1 }, (_, i) => shiftMonth(month, -(county.bulletins.trendMonths - 1 - i)));
  const points: BulletinTrendPoint[] = [];
  for (const m of months) {
    const stored = await getBulletin(m);
    const kept = stored?.content.trend.find((p) => p.month === m);
    points.push(kept ?? trendPoint(await assessMonth({ month: m, county, now })));
  }
  return points;
}

async function draftOf(month: string, county: CountyConfig, now: Date, officeText: string[]) {
  const [assessed, earlier] = await Promise.all([assessMonth({ month, county, now }), earlierTrend(month, county, now)]);
  return { assessed, content: assembleBulletin({ county, assessed, earlier, officeText, state: 'draft' }) };
}

/** The month a draft day prepares: the month before `today`'s, once `today` is on or after the county's draft day. */
export function monthToDraft(today: string, county: CountyConfig): string | undefined {
  return Number(today.slice(8, 10)) >= county.bulletins.draftDay.day ? shiftMonth(today.slice(0, 7), -1) : undefined;
}

/**
 * The daily schedule: on or after the county's draft day (`bulletins.draftDay`), drafts the month before once
 * (a rerun or a retry stores nothing), keeps its scores, and tells the credit office the draft awaits its text.
 */
export async function prepareBulletin(args: { county: CountyConfig; now: Date; date?: string }) {
  const { county, now } = args;
  const today = args.date ?? localDate(now, county.timeZone);
  const month = monthToDraft(today, county);
  if (!month) return { drafted: false, reason: `before the draft day (${county.bulletins.draftDay.day})` };
  if (await getBulletin(month)) return { drafted: false, month, reason: 'drafted already' };
  const { assessed, content } = await draftOf(month, county, now, []);
  const stored: StoredBulletin = { month, state: 'draft', version: 1, title: content.title, content, draftedAt: now.toISOString(), updatedAt: now.toISOString() };
  if (!(await putFirstDraft(stored))) return { drafted: false, month, reason: 'drafted meanwhile' };
  await keepAssessment(assessed, false);
  await publishNotices(
    [
      {
        kind: 'bulletin-drafted',
        about: month,
        addressee: 'creditOffice',
        date: today,
        title: `月通报草稿已生成：${content.title}`,
        text: `${month} 的月通报草稿已按${clauseLabel(county.bulletins.draftDay.source)}生成：${content.departments.length} 个部门的核查、覆盖率、逾期和得分，${content.accountability.length} 条责任追究线索。请补充通报文字后发布。`,
      },
    ],
    now,
  );
  return { drafted: true, month, departments: content.departments.length, accountability: content.accountability.length };
}


/** GET /bulletins: the office reads drafts and published bulletins; everyone else signed in, the published ones. */
export async function readBulletinList(caller: Caller) {
  const all = await listBulletins();
  return { bulletins: all.filter((b) => canRead(caller, b)).map(bulletinSummary) };
}

async function readable(month: string, caller: Caller): Promise<StoredBulletin> {
  parseMonth(month, 'path.month');
  const b = await getBulletin(month);
  // A draft is the office's: to others it does not exist yet.
  if (!b || !canRead(caller, b)) throw notFound(`bulletin ${month}`);
  return b;
}

/** GET /bulletins/{month}: its content (the charts are drawn from it by the console). */
export async function readBulletin(month: string, caller: Caller) {
  const b = await readable(month, caller);
  return {
    ...bulletinSummary(b),
    content: b.content,
    draftedAt: b.draftedAt,
    updatedAt: b.updatedAt,
    ...(b.publishedAt ? { publishedAt: b.publishedAt } : {}),
    ...(b.publishNote ? { publishNote: b.publishNote } : {}),
    ...(b.lastRefresh ? { lastRefresh: b.lastRefresh } : {}),
  };
}

async function changeDraft(month: string, version: number, change: (b: StoredBulletin) => Promise<StoredBulletin> | StoredBulletin) {
  parseMonth(month, 'path.month');
  const b = await getBulletin(month);
  if (!b) throw notFound(`bulletin ${month}`);
  if (b.state === 'published') throw conflict(`the bulletin of ${month} is published and is not changed any more`, 'path.month');
  if (b.version !== version) throw conflict(`the bulletin was changed meanwhile (version ${b.version}, not ${version}): read it again`, 'body.version');
  const next = await change(b);
  if (!(await replaceBulletin(next, b.version))) throw conflict('the bulletin was changed meanwhile: read it again', 'body.version');
  return next;
}

/** PUT /bulletins/{month}/text: the office's text (paragraphs), on the draft only, on condition of the version read. */
export async function editBulletinText(args: { month: string; body: { version: number; paragraphs: string[] }; caller: Caller; now: Date }) {
  const next = await changeDraft(args.month, args.body.version, (b) => ({
    ...b,
    version: b.version + 1,
    content: { ...b.content, officeText: args.body.paragraphs },
    updatedAt: args.now.toISOString(),
    updatedBy: args.caller.userId,
  }));
  return readBulletin(next.month, args.caller);
}

/**
 * POST /bulletins/{month}/refresh: reads the month's facts again (late reports of matters, answers recorded),
 * keeping the office's text; with no bulletin yet for an ended month, drafts it now (the office need not wait
 * for the draft day).
 */
export async function refreshBulletin(args: { month: string; body: { version?: number; note?: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const { county, now, caller } = args;
  const { month, last } = parseMonth(args.month, 'path.month');
  if (last >= localDate(now, county.timeZone)) throw validationFailed('path.month', `has not ended: ${month} is drafted once it is over`);
  const existing = await getBulletin(month);
  if (!existing) {
    const { assessed, content } = await draftOf(month, county, now, []);
    const stored: StoredBulletin = {
      month,
      state: 'draft',
      version: 1,
      title: content.title,
      content,
      draftedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      updatedBy: caller.userId,
      lastRefresh: { at: now.toISOString(), by: caller.userId, ...(args.body.note ? { note: args.body.note } : {}) },
    };
    if (!(await putFirstDraft(stored))) throw conflict('the bulletin was drafted meanwhile: read it again', 'path.month');
    await keepAssessment(assessed, false);
    return readBulletin(month, caller);
  }
  if (args.body.version === undefined) throw validationFailed('body.version', 'is required to refresh an existing draft (the version you read)');
  let assessedNow: Awaited<ReturnType<typeof draftOf>>['assessed'] | undefined;
  const next = await changeDraft(month, args.body.version, async (b) => {
    const { assessed, content } = await draftOf(month, county, now, b.content.officeText);
    assessedNow = assessed;
    const lastRefresh = { at: now.toISOString(), by: caller.userId, ...(args.body.note ? { note: args.body.note } : {}) };
    return { ...b, version: b.version + 1, content, updatedAt: now.toISOString(), updatedBy: caller.userId, lastRefresh };
  });
  if (assessedNow) await keepAssessment(assessedNow, false);
  return readBulletin(next.month, caller);
}

/**
 * POST /bulletins/{month}/publish: renders the PDF (charts drawn as vectors) and the workbook from the draft as
 * the office left it, keeps both, marks the bulletin published (on condition of the version read: an edit in
 * between refuses it), keeps the month's scores final, and tells every department (and the public, where the
 * county file says the public reads bulletins).
 */
export async function publishBulletin(args: { month: string; body: { version: number; note?: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const { county, now, caller } = args;
  const today = localDate(now, county.timeZone);
  const isPublic = county.bulletins.publicSite.publish;
  const published = await changeDraft(args.month, args.body.version, async (b) => {
    const revision = b.version + 1;
    const content = { ...b.content, state: 'published' as const, publishedOn: today };
    const files = { pdf: keys.bulletinObject(b.month, revision, 'pdf'), xlsx: keys.bulletinObject(b.month, revision, 'xlsx') };
    const [pdf, xlsx] = await Promise.all([renderBulletinPdf(content), bulletinWorkbook(content)]);
    await putBulletinFile(files.pdf, pdf, 'application/pdf');
    await putBulletinFile(files.xlsx, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return { ...b, version: revision, state: 'published', content, files, public: isPublic, publishedAt: now.toISOString(), publishedOn: today, publishedBy: caller.userId, updatedAt: now.toISOString(), updatedBy: caller.userId, ...(args.body.note ? { publishNote: args.body.note } : {}) };
  });
  // The scores as published, final: a later reading of the month shows what the bulletin said.
  const snapshot = await assessMonthKept(published, county, now);
  await keepAssessment(snapshot, true);
  const { departments } = await listDepartments();
  const notices: Notice[] = departments.map((d) => {
    const row = published.content.departments.find((r) => r.orgId === d.orgId);
    return {
      kind: 'bulletin-published',
      about: `${published.month}#${d.orgId}`,
      addressee: d.orgId,
      date: today,
      title: `月通报：${published.title}`,
      text: row
        ? `${published.title}已发布。贵单位当月得分 ${row.score}，排名第 ${row.rank}；核查 ${row.checks} 次，办件核查覆盖率 ${row.coverage === null ? '—' : `${Math.round(row.coverage * 1000) / 10}%`}，责任追究线索 ${row.accountabilityCandidates} 条。请登录平台下载通报全文。`
        : `${published.title}已发布，请登录平台下载通报全文。`,
    };
  });
  if (isPublic)
    notices.push({
      kind: 'bulletin-published',
      about: `${published.month}#public`,
      addressee: 'creditOffice',
      public: true,
      date: today,
      title: `通报：${published.title}`,
      text: `${county.creditOfficeName}发布${published.title}，全文见信用${county.name}网站“月通报”栏目。`,
    });
  await publishNotices(notices, now);
  return readBulletin(published.month, caller);
}

/** The month's scores as the bulletin shows them, with the facts: the snapshot kept at drafting or refresh is re-read. */
async function assessMonthKept(b: StoredBulletin, county: CountyConfig, now: Date) {
  const assessed = await assessMonth({ month: b.month, county, now });
  // The bulletin is what was published: its rows' scores stand, even if a fact arrived since its last refresh.
  const byOrg = new Map(b.content.departments.map((d) => [d.orgId, d]));
  return { ...assessed, departments: assessed.departments.map((d) => ({ ...d, ...(byOrg.has(d.orgId) ? { score: byOrg.get(d.orgId)!.score, rank: byOrg.get(d.orgId)!.rank } : {}) })) };
}

