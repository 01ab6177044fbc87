import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { localDate, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { nationalListSourceLabels, type NationalListSource } from '../config/national-list-settings.ts';
import { FileRefused, NationalListBusy, NationalListImportPending, NationalListOutOfDate, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { inPool } from '../lambda/in-pool.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import type { uploadNationalListBody } from './api.ts';
import { contentHashOf, entryIdOf, type EntryStateItem } from './list-entry.ts';
import { counts, countsAfter, latestStates, planImport, type ImportMode, type ImportSummary, type MatchedRow, type PlannedState } from './list-rules.ts';
import { claimSource, commitImport, getImport, getSource, putStates, statesOfSource, type ImportRecord, type SourceRecord } from './list-store.ts';
import { readListFile, type ValidRow } from './read-list-file.ts';

/** An import stopped half-way (its function long gone: the API's limit is 29 s) is taken over after this long. */
export const abandonAfterMs = 5 * 60_000;
/** Rows that changed nothing kept with the import, with why. */
const ignoredKept = 200;

/**
 * The id of an import: the source, mode, list date and file bytes. The same upload again (a retry after a
 * timeout, a double click) is the same import: answered as it was, never applied twice.
 */
export function importIdOf(source: NationalListSource, mode: ImportMode, listDate: IsoDate, sha256: string): string {
  return `nli_${createHash('sha256').update([source, mode, listDate, sha256].join('\u0000'), 'utf8').digest('base64url').slice(0, 22)}`;
}

export interface UploadedList {
  source: NationalListSource;
  mode: ImportMode;
  listDate: IsoDate;
  fileName: string;
  content: Buffer;
}

/** A file read and checked whole, each row matched to its subject: refused (`FileRefused`, nothing stored) at the first problem found anywhere. */
export async function prepareImport(file: UploadedList) {
  const read = await readListFile(file);
  if (read.problemCount > 0)
    throw new FileRefused(
      'NATIONAL_LIST_FILE_REFUSED',
      `文件有 ${read.problemCount} 处问题（见 problems：行号、列、规则${read.problemCount > read.problems.length ? `，列出前 ${read.problems.length} 处` : ''}），整份文件未导入，名单未作任何变动。/ The file has ${read.problemCount} problem(s): nothing of it was imported.`,
      'body.content',
      read.problems,
    );
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  // A person is matched by its person key (a keyed hash of the number), as its records are: the number itself is never kept.
  const rows = await inPool(16, read.rows.map((row) => () => matchRow(file.source, row)));
  return { importId: importIdOf(file.source, file.mode, file.listDate, sha256), sha256, rows };
}

async function matchRow(source: NationalListSource, row: ValidRow): Promise<MatchedRow> {
  const key = await subjectKeyOf(row.subject);
  const entryId = entryIdOf(source, key, row.keyValues.slice(1));
  const subject = { key, type: row.subject.type, maskedId: row.subject.type === 'residentId' ? maskResidentId(row.subject.id) : row.subject.id, name: row.subjectName };
  return { row: row.row, action: row.action, entryId, item: { source, entryId, subject, fields: row.fields, contentHash: contentHashOf(row.subjectName, row.fields) } };
}

/**
 * POST /national-lists/imports: the credit office's upload of a national list file (docs/exchange.md, "Inbound").
 *
 * 1. The whole file is read and checked first; any problem refuses it (400, every problem by row and column), and
 *    nothing is stored.
 * 2. The source is claimed for the import: it takes the next seq of the source and becomes `pending` (one import
 *    of a source at a time; one stopped half-way is taken over after `abandonAfterMs`, its seq skipped).
 * 3. What it changes is planned against the list as it stands (the committed states), and the new states are
 *    staged under the import's seq: checks do not count them yet.
 * 4. One transaction commits it: the source's committed seq moves to the import's, with its list date and counts.
 * A crash anywhere before 4 leaves checks on the list as it was; sending the same file again resumes the import
 * (same id, same seq, the same states written again) and commits it.
 */
export async function uploadNationalList(args: { body: z.output<typeof uploadNationalListBody>; caller: Caller; county: CountyConfig; now: Date }): Promise<{ record: ImportRecord; repeated: boolean }> {
  const { body, county, now } = args;
  const today = localDate(now, county.timeZone);
  if (!county.nationalLists.sources.some((s) => s.source === body.source))
    throw validationFailed('body.source', `is not a list this county takes (nationalLists of its file: ${county.nationalLists.sources.map((s) => s.source).join(', ') || 'none'})`);
  if (body.listDate > today) throw validationFailed('body.listDate', `must not be after today (${today})`);
  const content = Buffer.from(body.content, 'base64');
  if (content.length === 0) throw validationFailed('body.content', 'must be the file, base64');
  const file: UploadedList = { source: body.source, mode: body.mode, listDate: body.listDate, fileName: body.fileName, content };
  const prepared = await prepareImport(file);

  const existing = await getImport(prepared.importId);
  if (existing?.status === 'applied') return { record: existing, repeated: true };
  const record: ImportRecord = {
    importId: prepared.importId,
    source: file.source,
    mode: file.mode,
    listDate: file.listDate,
    fileName: file.fileName,
    sha256: prepared.sha256,
    bytes: content.length,
    rows: prepared.rows.length,
    status: 'applying',
    seq: 0,
    startedAt: now.toISOString(),
    startedBy: { orgId: args.caller.orgId, userId: args.caller.userId },
  };
  return applyImport({ record, rows: prepared.rows, now });
}

/** Steps 2–4 of an import (see `uploadNationalList`), for a file already checked and matched. */
export async function applyImport(args: { record: ImportRecord; rows: MatchedRow[]; now: Date }): Promise<{ record: ImportRecord; repeated: boolean }> {
  const staged = await stageImport(args);
  return 'applied' in staged ? { record: staged.applied, repeated: true } : commitStaged(staged, args.now);
}

export interface StagedImport {
  record: ImportRecord;
  /** The source as claimed (the import pending). */
  source: SourceRecord;
  current: Map<string, EntryStateItem>;
  writes: PlannedState[];
  summary: ImportSummary;
}

/**
 * Steps 2 and 3: the source claimed, the changes planned against the list as it stands and staged under the
 * import's seq. Checks do not see them until `commitStaged`; a process that stops here leaves the list as it was.
 */
export async function stageImport(args: { record: ImportRecord; rows: MatchedRow[]; now: Date }): Promise<StagedImport | { applied: ImportRecord }> {
  const claimed = await claimForImport(args.record, args.now);
  if ('applied' in claimed) return claimed;
  const record: ImportRecord = { ...args.record, seq: claimed.seq };
  const states = await committedStatesOf(claimed.source);
  const current = latestStates(states, claimed.source);
  const { writes, summary } = planImport({ mode: record.mode, rows: args.rows, current });
  await putStates(writes.map((w): EntryStateItem => ({ ...w, seq: record.seq, importId: record.importId, listDate: record.listDate })));
  return { record, source: claimed.source, current, writes, summary };
}

/** Step 4: one transaction moves the source's committed seq to the import's: from then on checks see the new list. */
export async function commitStaged(staged: StagedImport, now: Date): Promise<{ record: ImportRecord; repeated: boolean }> {
  const { record, source, current, writes, summary } = staged;
  const after = countsAfter(current, writes);
  const appliedAt = now.toISOString();
  const { pending: _pending, ...rest } = source;
  const committed: SourceRecord = {
    ...rest,
    committedSeq: record.seq,
    listDate: record.listDate,
    lastImportId: record.importId,
    appliedAt,
    stateItems: source.stateItems + writes.length,
    entriesListed: after.listed,
    entriesRepaired: after.repaired,
    version: source.version + 1,
  };
  const applied: ImportRecord = {
    ...record,
    status: 'applied',
    appliedAt,
    summary: { ...summary, ignored: summary.ignored.length },
    ...(summary.ignored.length ? { ignored: summary.ignored.slice(0, ignoredKept) } : {}),
  };
  if (await commitImport({ source: committed, claimedVersion: source.version, record: applied })) return { record: applied, repeated: false };
  // Another copy of this upload committed it meanwhile (answered as repeated), or another import took the source over.
  const stored = await getImport(record.importId);
  if (stored?.status === 'applied') return { record: stored, repeated: true };
  throw new NationalListImportPending(`${nationalListSourceLabels[record.source].name}在导入过程中被另一份文件接手：请查看导入记录后重新上传。/ Another import took the list over meanwhile.`);
}

/**
 * Takes the source for the import: the same import again resumes with its seq (and its start time renewed); another
 * import under way refuses it (409) until it is abandoned; an older list than the one applied is refused (409).
 */
async function claimForImport(record: ImportRecord, now: Date): Promise<{ seq: number; source: SourceRecord } | { applied: ImportRecord }> {
  const name = nationalListSourceLabels[record.source].name;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const source = await getSource(record.source);
    if (source.listDate !== null && record.listDate < source.listDate)
      throw new NationalListOutOfDate(`body.listDate: 数据日期 ${record.listDate} 早于已导入的${name}（${source.listDate}）：导入会使名单倒退。/ The list applied last is dated ${source.listDate}.`, 'body.listDate');
    const own = source.pending?.importId === record.importId;
    const abandoned = source.pending && !own && Date.parse(source.pending.startedAt) + abandonAfterMs <= now.getTime() ? source.pending : undefined;
    if (source.pending && !own && !abandoned)
      throw new NationalListImportPending(`另一份${name}文件（${source.pending.importId}，${source.pending.startedAt} 开始）正在导入：请稍候，或重新上传那份文件以完成它。/ Another import of this list is under way.`);
    const seq = own ? source.pending!.seq : source.nextSeq;
    const claimed: SourceRecord = {
      ...source,
      nextSeq: own ? source.nextSeq : seq + 1,
      skippedSeqs: abandoned ? [...source.skippedSeqs, abandoned.seq] : source.skippedSeqs,
      pending: { importId: record.importId, seq, startedAt: now.toISOString() },
      version: source.version + 1,
    };
    const ok = await claimSource({ source: claimed, readVersion: source.version, record: { ...record, seq, status: 'applying' }, ...(abandoned ? { abandoned: abandoned.importId } : {}), at: now.toISOString() });
    if (ok) return { seq, source: claimed };
    // Another write came first (a concurrent upload, or the same import committed): read again.
    const again = await getImport(record.importId);
    if (again?.status === 'applied') return { applied: again };
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
  }
  throw new NationalListImportPending(`${name}正被同时导入：请稍后重试。/ The list is being imported concurrently.`);
}

/**
 * The source's states as committed, from its gsi1 partition, once the index holds every state its committed
 * imports wrote (the source counts them: states are never deleted, so fewer means the index has not caught up).
 */
async function committedStatesOf(source: SourceRecord): Promise<EntryStateItem[]> {
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    const states = await statesOfSource(source.source);
    if (states.filter((s) => counts(s.seq, source)).length >= source.stateItems) return states;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
  throw new NationalListBusy(`${nationalListSourceLabels[source.source].name}的索引尚未跟上上一次导入：请稍后重新上传同一文件。/ The list's index has not caught up yet: send the file again in a moment.`);
}
