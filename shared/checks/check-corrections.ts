import type { RecordCorrection } from './record-correction.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { publishNotice } from '../notices/port.ts';
import { parseSubjectId } from '../subjects/subject-id.ts';
import type { CheckCorrection, CheckLogEntry } from './check-log-entry.ts';
import { checksOfSubject, saveCheckCorrection } from './check-store.ts';

/** The notice kind a department receives for each of its checks that relied on a record later corrected. */
export const recordCorrectionNoticeKind = 'record-correction';

const outcomeNames: Record<RecordCorrection['outcome'], string> = { corrected: '更正', revoked: '撤销', repaired: '信用修复' };
const caseTypeNames: Record<RecordCorrection['caseType'], string> = { objection: '异议处理', repair: '信用修复申请' };

/**
 * The checks of a subject that showed a record: with `beforeVersion`, only those that showed a version
 * lower than it (for a correction, the checks that saw the wrong version); without, any version.
 * Reads the subject's checks in the usage log (gsi2, every page) and keeps those whose `records` hold it.
 */
export async function checksThatSaw(subjectId: string, recordId: string, beforeVersion?: number): Promise<CheckLogEntry[]> {
  const saw: CheckLogEntry[] = [];
  for await (const check of checksOfSubject(subjectId)) {
    const shown = check.records.find((r) => r.recordId === recordId);
    if (shown && (beforeVersion === undefined || shown.version < beforeVersion)) saw.push(check);
  }
  return saw;
}

/**
 * Appends a correction entry to a check, once per case: a retried invocation adds nothing
 * (`alreadyMarked`). `notFound` if there is no such check.
 */
export function markCheckCorrected(checkId: string, correction: CheckCorrection): Promise<'marked' | 'alreadyMarked' | 'notFound'> {
  return saveCheckCorrection(checkId, correction);
}

/**
 * Restores a subject's reputation after a decided case corrected, revoked or repaired one of its records
 * (Kunming 003 §二(五)): every check that showed the record while it was wrong (for `corrected`, an
 * earlier version than `currentVersion`; otherwise any version) is marked with the correction, and the
 * department that ran it receives a notice naming its check and matter. Idempotent: a second run marks
 * nothing and publishes nothing new; a run that failed halfway is completed by the retry (marking comes
 * first, and a notice stored but not sent is sent by `publishNotice`).
 */
export async function restoreReputation(args: { correction: RecordCorrection; county: CountyConfig; now: Date }): Promise<{
  checks: Array<{ checkId: string; departmentOrgId: string; marked: boolean; noticePublished: boolean }>;
}> {
  const { correction, county, now } = args;
  const beforeVersion = correction.outcome === 'corrected' ? correction.currentVersion : undefined;
  const seen = await checksThatSaw(correction.subjectId, correction.recordId, beforeVersion);
  const today = localDate(now, county.timeZone);
  const checks = [];
  for (const check of seen) {
    const shownVersion = check.records.find((r) => r.recordId === correction.recordId)!.version;
    const notice = { kind: recordCorrectionNoticeKind, about: `${check.checkId}#${correction.caseId}` };
    const marked = await markCheckCorrected(check.checkId, {
      caseId: correction.caseId,
      caseType: correction.caseType,
      recordId: correction.recordId,
      decisionNumber: correction.decisionNumber,
      outcome: correction.outcome,
      shownVersion,
      currentVersion: correction.currentVersion,
      decidedAt: correction.decidedAt,
      decidedOn: correction.decidedOn,
      reasoning: correction.reasoning,
      notice,
      markedAt: now.toISOString(),
    });
    const { published } = await publishNotice(
      { ...notice, addressee: check.departmentOrgId, date: today, ...noticeText(check, correction, shownVersion) },
      now,
    );
    checks.push({ checkId: check.checkId, departmentOrgId: check.departmentOrgId, marked: marked === 'marked', noticePublished: published });
  }
  return { checks };
}

/** The notice to the department, in Chinese. Names the subject; an ID number only if it is a USCC (never a resident ID). */
function noticeText(check: CheckLogEntry, correction: RecordCorrection, shownVersion: number): { title: string; text: string } {
  const outcome = outcomeNames[correction.outcome];
  const code = isUscc(correction.subjectId) ? `（统一社会信用代码 ${correction.subjectId}）` : '';
  const versions =
    correction.outcome === 'corrected' ? `核查时显示的是第${shownVersion}版，现行为第${correction.currentVersion}版。` : '';
  return {
    title: `信用信息${outcome}通知：信用核查 ${check.checkId}`,
    text:
      `贵单位于${check.checkedOn}办理“${check.matter.name}”（${check.matter.typeName}，编号 ${check.matter.reference}）时进行的信用核查 ${check.checkId}，` +
      `显示了${correction.subjectName}${code}的信用记录（决定文书号 ${correction.decisionNumber}）。` +
      `该记录已于${correction.decidedOn}经${caseTypeNames[correction.caseType]}（案件编号 ${correction.caseId}）予以${outcome}。${versions}` +
      `如贵单位在该事项中依据该记录作出决定或因该信息对当事人采取了惩戒措施，请及时予以纠正、恢复其信誉，并更新该核查的使用情况。`,
  };
}

function isUscc(subjectId: string): boolean {
  try {
    return parseSubjectId(subjectId).type === 'uscc';
  } catch {
    return false;
  }
}
