import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { conflict, notFound, validationFailed } from '../errors/domain-errors.ts';
import { clearInput, latestVersion, pushRecords, type RecordInput } from '../records/port.ts';
import type { commitmentResultBody } from './api.ts';
import { presentCommitment } from './commitment.ts';
import { getCommitment, storeResult } from './commitment-store.ts';

/**
 * POST /commitments/{id}/result: the department that took a commitment records whether it was kept. A breach
 * becomes a commitment-breach record (违反信用承诺) of the department on the subject, with the publicity period the
 * platform gives a breach (general dishonesty), naming the commitment it broke; the commitment then leaves the
 * open list. Once recorded, a result stands (409); another department's commitment is 404.
 */
export async function recordCommitmentResult(args: { recordId: string; body: z.output<typeof commitmentResultBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { caller, now, county } = args;
  const today = localDate(now, county.timeZone);
  const commitment = await getCommitment(args.recordId);
  if (!commitment || commitment.departmentOrgId !== caller.orgId) throw notFound(`commitment ${args.recordId}`);
  if (commitment.state !== 'open') throw conflict(`the commitment's result is recorded already (${commitment.state})`, 'body.result');
  const by = { recordedAt: now.toISOString(), recordedBy: caller.userId };
  if (args.body.result === 'fulfilled') {
    const stored = await storeResult(args.recordId, 'fulfilled', { result: 'fulfilled', ...(args.body.note ? { note: args.body.note } : {}), ...by });
    if (!stored) throw conflict('the commitment\'s result was recorded meanwhile', 'body.result');
    return presentCommitment(stored, today);
  }

  const record = await latestVersion(args.recordId);
  if (!record) throw notFound(`commitment record ${args.recordId}`);
  const original = await clearInput(record);
  const breach = {
    kind: 'commitmentBreach',
    subject: original.subject,
    decisionNumber: args.body.decisionNumber ?? `违诺-${commitment.decisionNumber}`,
    decisionDate: today,
    authority: original.authority,
    sourceDepartment: original.sourceDepartment,
    commitmentDecisionNumber: commitment.decisionNumber,
    breachFacts: args.body.breachFacts,
    content: args.body.content ?? `未履行${commitment.mode === 'tolerance' ? '容缺受理' : '信用'}承诺：${commitment.promised.join('；')}（履约期限 ${commitment.dueDate}）`,
  } as unknown as RecordInput;
  const [pushed] = await pushRecords({ records: [breach], caller, county, now, fieldPrefix: () => 'body.' });
  if (!pushed || pushed.status === 'invalid') throw validationFailed(pushed?.status === 'invalid' ? pushed.error.field : 'body', pushed?.status === 'invalid' ? pushed.rule : 'the breach record was refused');
  if (pushed.status === 'conflict') throw conflict(pushed.error.message, 'body.decisionNumber');
  const stored = await storeResult(args.recordId, 'breached', { result: 'breached', breachFacts: args.body.breachFacts, breachRecordId: pushed.recordId, ...by });
  if (!stored) throw conflict('the commitment\'s result was recorded meanwhile', 'body.result');
  return presentCommitment(stored, today);
}
