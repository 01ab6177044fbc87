import { addDays, localDate, type IsoDate } from '../calendar/dates.ts';
import { commitmentModeLabels, type CommitmentMode, type CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { pushRecords, recordInput, type RecordInput } from '../records/port.ts';
import type { SubjectCategory } from '../config/record-kinds.ts';
import type { StoredCommitment } from './commitment.ts';
import { putCommitment } from './commitment-store.ts';

/** A commitment as a check takes it (its request schema is the check's: shared/checks/api.ts `commitmentAtCheckBody`). */
export interface CommitmentAtCheck {
  mode: CommitmentMode;
  subjectName: string;
  subjectCategory?: SubjectCategory;
  authority: { name: string; uscc: string };
  text: string;
  promised: readonly string[];
  dueDate: string;
}
type SubjectId = { type: 'uscc' | 'residentId'; id: string };

/** The longest a promise may run: a year (a commitment kept longer is a licence condition, not a follow-up). */
const maxDueDays = 366;

/**
 * Whether the commitment may be taken with this check, before anything is logged: the county's catalog
 * offers its mode for the matter type, its due day is after today and within a year, and the commitment
 * record it becomes is a valid record. Answers that record's input; a problem is a 400 naming the field.
 */
export function commitmentRecordInput(args: { commitment: CommitmentAtCheck; subjectId: SubjectId; matter: { type: string; typeName: string; reference: string; name: string }; checkId: string; county: CountyConfig; today: IsoDate }): RecordInput {
  const { commitment, county, today } = args;
  const offered = county.commitments.offered.filter((o) => o.matterTypes.includes(args.matter.type));
  if (!offered.some((o) => o.mode === commitment.mode)) {
    const modes = offered.map((o) => `${o.mode} (${commitmentModeLabels[o.mode]})`);
    throw validationFailed('body.commitment.mode', modes.length ? `the county offers only ${modes.join(', ')} for matter type "${args.matter.type}"` : `the county's catalog offers no commitment for matter type "${args.matter.type}"`);
  }
  if (commitment.dueDate <= today) throw validationFailed('body.commitment.dueDate', `must be after today (${today})`);
  if (commitment.dueDate > addDays(today, maxDueDays)) throw validationFailed('body.commitment.dueDate', `must be within a year (by ${addDays(today, maxDueDays)})`);
  const category = commitment.subjectCategory ?? (args.subjectId.type === 'uscc' ? 'legalPerson' : 'naturalPerson');
  const label = commitmentModeLabels[commitment.mode];
  const raw = {
    kind: 'commitment',
    subject: { name: commitment.subjectName, category, ...(args.subjectId.type === 'uscc' ? { uscc: args.subjectId.id } : { residentId: args.subjectId.id }) },
    // One commitment per check: the check id makes the number unique, so a tender's bidders each have their own.
    decisionNumber: `${label}-${args.checkId}`,
    decisionDate: today,
    authority: commitment.authority,
    sourceDepartment: commitment.authority.name,
    commitmentType: label,
    content: `${commitment.text}\n承诺事项：${commitment.promised.map((p, i) => `${i + 1}. ${p}`).join('；')}\n履约期限：${commitment.dueDate}`,
    matterReference: `${args.matter.name}（${args.matter.typeName}，编号 ${args.matter.reference}）`,
  };
  const parsed = recordInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    const field = path.startsWith('subject.category') ? 'body.commitment.subjectCategory' : path.startsWith('subject.name') ? 'body.commitment.subjectName' : path.startsWith('authority') ? `body.commitment.${path}` : 'body.commitment';
    throw validationFailed(field, issue.message);
  }
  return parsed.data;
}

/**
 * Takes the commitment after its check is logged: the commitment record (the department provides it, as it
 * would push one) and its follow-up item, each idempotent, so a retry of the check (its Idempotency-Key)
 * completes what a failure left half done and doubles nothing.
 */
export async function takeCommitment(args: {
  input: RecordInput;
  commitment: CommitmentAtCheck;
  subject: { key: string; type: 'uscc' | 'residentId'; masked: string };
  matter: StoredCommitment['matter'];
  checkId: string;
  caller: Caller;
  county: CountyConfig;
  now: Date;
}) {
  const [pushed] = await pushRecords({ records: [args.input], caller: args.caller, county: args.county, now: args.now, fieldPrefix: () => 'body.commitment.record.' });
  if (!pushed || pushed.status === 'invalid') throw validationFailed('body.commitment', pushed?.status === 'invalid' ? pushed.rule : 'the commitment record was refused');
  // `conflict`: a retry on a later day (its decision date moved); the record of the first is the commitment's.
  const recordId = pushed.recordId;
  const { stored } = await putCommitment({
    recordId,
    decisionNumber: args.input.decisionNumber,
    departmentOrgId: args.caller.orgId,
    mode: args.commitment.mode,
    subject: { id: args.subject.key, type: args.subject.type, maskedId: args.subject.masked, name: args.commitment.subjectName },
    matter: args.matter,
    checkId: args.checkId,
    text: args.commitment.text,
    promised: [...args.commitment.promised],
    dueDate: args.commitment.dueDate,
    takenAt: args.now.toISOString(),
    takenOn: localDate(args.now, args.county.timeZone),
    ...(args.caller.system ? { system: args.caller.system } : {}),
    state: 'open',
  });
  return { recordId: stored.recordId, mode: stored.mode, modeLabel: commitmentModeLabels[stored.mode], dueDate: stored.dueDate, state: stored.state };
}
