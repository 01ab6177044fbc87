import type { IsoDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { buildRecordVersion, clearInput, protectInput, recordInput, type RecordInput, type StoredRecord } from '../records/port.ts';
import type { StoredCase } from './case.ts';

/** The commitment type a repair's published commitment carries (信用承诺's own types: 告知承诺, 容缺受理承诺, 信用修复承诺). */
export const repairCommitmentType = '信用修复承诺';

/** The published commitment's document number: one per repair case, so a retried outcome meets the same record. */
export const repairCommitmentNumber = (caseId: string) => `信用修复承诺〔${caseId}〕`;

/**
 * The credit commitment (信用承诺) of an approved repair, as a credit record of kind `commitment` published
 * with the repair: order 36 asks a subject that applies for repair to make its commitment publicly, and
 * Lianjiang 001 §五 puts commitments into the subject's credit record "接受社会监督". The repaired record
 * leaves publicity; the commitment, which names the repair case but not the repaired record's number or
 * facts, is public for the platform's default period, on the public site and in section 四 of the credit
 * report. It is provided by the department that decided the repair, under that record's authority, dated
 * the day of the decision.
 */
export async function repairCommitmentRecord(c: StoredCase, repaired: StoredRecord, county: CountyConfig, today: IsoDate, now: Date): Promise<StoredRecord> {
  const opened = await clearInput(repaired);
  const { name, category, uscc, residentId, legalRepresentative } = opened.subject;
  const input: RecordInput = recordInput.parse({
    kind: 'commitment',
    subject: { name, category, ...(uscc ? { uscc } : {}), ...(residentId ? { residentId } : {}), ...(legalRepresentative ? { legalRepresentative } : {}) },
    decisionNumber: repairCommitmentNumber(c.caseId),
    decisionDate: today,
    authority: opened.authority,
    sourceDepartment: opened.sourceDepartment,
    ...(opened.sourceDepartmentUscc ? { sourceDepartmentUscc: opened.sourceDepartmentUscc } : {}),
    commitmentType: repairCommitmentType,
    content: c.commitment,
    matterReference: `信用修复申请 ${c.caseId}`,
  });
  return buildRecordVersion({
    input: await protectInput(input),
    providerOrgId: c.providerOrgId,
    receivedAt: now,
    receivedOn: today,
    county,
    calendar: workingDayCalendar(county.calendar),
    version: 1,
  });
}
