import { commitmentModeLabels, type CommitmentMode } from '../config/county-config.ts';

/** A commitment taken at a check, as kept with its follow-up: its record id is the commitment record's. */
export interface StoredCommitment {
  recordId: string;
  decisionNumber: string;
  departmentOrgId: string;
  mode: CommitmentMode;
  /** The subject's key (a USCC, or a person key), how it is shown to others, and its name. Never a whole ID number. */
  subject: { id: string; type: 'uscc' | 'residentId'; maskedId: string; name: string };
  matter: { type: string; typeName: string; reference: string; name: string };
  checkId: string;
  text: string;
  promised: string[];
  dueDate: string;
  takenAt: string;
  takenOn: string;
  system?: { clientId: string; name: string };
  state: 'open' | 'fulfilled' | 'breached';
  /** The day the department was reminded, and the day it (and the credit office) was told the commitment is overdue. */
  remindedOn?: string;
  overdueNoticeOn?: string;
  result?:
    | { result: 'fulfilled'; note?: string; recordedAt: string; recordedBy: string }
    | { result: 'breached'; breachFacts: string; breachRecordId: string; recordedAt: string; recordedBy: string };
}

/** The commitment as its department and the credit office see it (the subject's ID as shown to the department). */
export const presentCommitment = (c: StoredCommitment, today: string) => {
  const { subject, remindedOn: _r, overdueNoticeOn: _o, ...rest } = c;
  return { ...rest, subject: { id: subject.maskedId, type: subject.type, name: subject.name }, modeLabel: commitmentModeLabels[c.mode], overdue: c.state === 'open' && c.dueDate < today };
};

