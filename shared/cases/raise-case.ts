import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { raiseObjectionBody, requestRepairBody } from './api.ts';
import { localDate } from '../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import { recordKindLabels } from '../config/record-kinds.ts';
import { CaseAlreadyOpen, notFound, RecordChanged, RecordExpired, RecordRepaired, RecordRevoked, RepairNotApplicable, RepairNotYetEligible } from '../errors/domain-errors.ts';
import { accessPolicy, latestVersion, statusOf, type StoredRecord } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { caseIdPrefix, caseTypeLabels, type CaseType, type StoredCase } from './case.ts';
import { presentCase } from './case-access.ts';
import { getCase, raiseCase as storeRaisedCase } from './case-store.ts';
import { executionArnOf, executionName, startCaseWorkflow } from './case-workflow.ts';
import { evidenceUploads, planEvidence } from './evidence.ts';

type RaiseBody = z.output<typeof raiseObjectionBody> | z.output<typeof requestRepairBody>;

/**
 * POST /objections and POST /repairs: the subject (or, for an objection, the credit office on its
 * behalf) opens a case on one record. One open case per record: a second request while one is open
 * answers with that case (200, `existing`), even when both arrive at once. The case is stored and the
 * record marked in one transaction; the workflow is then started, idempotently, by every request that
 * finds the case, so a failure between the two is mended by the client's retry.
 */
export async function raiseCase(args: { caseType: CaseType; body: RaiseBody; caller: Caller; county: CountyConfig; now: Date }) {
  const { caseType, body, caller, county, now } = args;
  const today = localDate(now, county.timeZone);
  const record = await latestVersion(body.recordId);
  if (!record || !accessPolicy.raiseCase(caller, record)) throw notFound(`record ${body.recordId}`);

  for (let attempt = 1; ; attempt += 1) {
    const current = attempt === 1 ? record : await latestVersion(body.recordId);
    if (!current) throw notFound(`record ${body.recordId}`);
    if (current.openCaseId) return answerWithOpenCase(current.openCaseId, caseType, caller);
    refuseUnlessEligible(caseType, current, today, county);

    const caseId = `${caseIdPrefix[caseType]}${randomBytes(16).toString('base64url').slice(0, 22)}`;
    const evidence = planEvidence(caseId, body.evidence, county);
    const stored: StoredCase = {
      caseId,
      caseType,
      recordId: current.recordId,
      recordVersion: current.version,
      recordKind: current.kind,
      decisionNumber: current.decisionNumber,
      subjectId: current.subjectId,
      subjectType: current.subjectType,
      ...(current.subjectType === 'residentId' ? { subjectMaskedId: current.subjectMaskedId, subjectSealedId: current.residentIdSealed } : {}),
      subjectName: current.subjectName,
      providerOrgId: current.providerOrgId,
      raisedBy: { role: caller.role, orgId: caller.orgId, userId: caller.userId },
      raisedAt: now.toISOString(),
      raisedOn: today,
      // Free text is stored with any ID number in it masked: only the seal keeps a number whole.
      reason: maskResidentIdsIn(body.reason),
      ...('commitment' in body ? { commitment: maskResidentIdsIn(body.commitment), correctiveActions: maskResidentIdsIn(body.correctiveActions) } : {}),
      evidence,
      state: 'verifying',
      // Named before it starts, so that an execution that never started is found missing (reconcile-cases).
      executionArn: executionArnOf(caseId),
      history: [{ at: now.toISOString(), event: 'raised', by: caller.role === 'subject' ? 'subject' : caller.orgId }],
    };
    const result = await storeRaisedCase(stored, current, () => latestVersion(body.recordId));
    if (result.outcome === 'existing') return answerWithOpenCase(result.case.caseId, caseType, caller);
    if (result.outcome === 'created') {
      await startCaseWorkflow(caseId);
      return { created: true, body: { case: await presentCase(stored, caller), existing: false, evidenceUploads: await evidenceUploads(evidence) } };
    }
    // The record changed between reading and writing (a correction, a revocation): decide again on what it is now.
    if (attempt >= 3) throw new RecordChanged(`record ${body.recordId} keeps changing: try again`);
  }
}

async function answerWithOpenCase(caseId: string, caseType: CaseType, caller: Caller) {
  const open = await getCase(caseId);
  if (!open) throw new CaseAlreadyOpen(`case ${caseId} is open on this record`);
  if (open.caseType !== caseType)
    throw new CaseAlreadyOpen(`a ${caseTypeLabels[open.caseType]} (${caseId}) is open on this record: wait for its outcome`);
  // The case's current execution: idempotent while it runs; one that ended is left alone.
  await startCaseWorkflow(caseId, executionName(caseId, open.executions));
  return { created: false, body: { case: await presentCase(open, caller), existing: true, evidenceUploads: [] } };
}

/** Which records a case may be raised on (4xx with a stable code otherwise). */
function refuseUnlessEligible(caseType: CaseType, record: StoredRecord, today: string, county: CountyConfig): void {
  const status = statusOf(record, today);
  if (status === 'revoked') throw new RecordRevoked(`record ${record.recordId} was revoked: there is nothing left to ${caseType === 'objection' ? 'object to' : 'repair'}`);
  if (status === 'repaired') throw new RecordRepaired(`record ${record.recordId} was already repaired`);
  if (status === 'underObjection') throw new CaseAlreadyOpen(`record ${record.recordId} is under objection`);
  if (status === 'expired') throw new RecordExpired(`the publicity of record ${record.recordId} ended on ${record.publicity.publicUntil}`);
  if (caseType === 'repair') {
    const from = record.publicity.repairEligibleFrom;
    if (from === null) throw new RepairNotApplicable(notRepairableBecause(record, county));
    if (from > today) throw new RepairNotYetEligible(`此记录自 ${from} 起可申请信用修复（credit repair of record ${record.recordId} may be asked for from ${from}）`, 'body.recordId');
  }
}

/**
 * Why credit repair does not apply to a record, in Chinese as the subject reads it: the county's rule for
 * its list (a court's list, a statutory ban, a red list), or that no repair rule names it.
 */
export function notRepairableBecause(record: Pick<StoredRecord, 'kind' | 'input'>, county: CountyConfig): string {
  const listName = 'listName' in record.input ? record.input.listName : undefined;
  const rule = county.cases.notRepairable.find((r) => r.match.kind === record.kind && (!r.match.listNames || (listName !== undefined && r.match.listNames.includes(listName))));
  if (rule) return `信用修复不适用于此记录：${rule.reason}（依据：${clauseLabel(rule.clause)}）`;
  if (record.kind === 'blackList') return `信用修复不适用于此记录：本县的信用修复规则未将名单“${listName}”列为可修复名单。`;
  return `信用修复不适用于${recordKindLabels[record.kind]}记录：它不是有最短公示期的失信信息。`;
}
