import type { IsoDate } from '../calendar/dates.ts';

/**
 * A matter a department handled (办件), as its system or a clerk's monthly upload reported it: one per
 * department and case number (`reference`, 办件编号), so reporting it again updates it and never adds a second.
 */
export interface StoredMatter {
  departmentOrgId: string;
  /** The department's case number: the idempotency key within the department. */
  reference: string;
  /** The item of the department's matter list (事项清单) the matter falls under. */
  itemId: string;
  /** The subject's key (a USCC, or a person key), how it is shown (a person's number masked), a person's number sealed. Never a whole ID number. */
  subject: { id: string; type: 'uscc' | 'residentId'; maskedId: string; sealedId?: string; name: string };
  decidedOn: IsoDate;
  decision?: string;
  /** The check the department's system ran for it. */
  checkId?: string;
  /** How it was last reported. */
  via: 'api' | 'upload';
  system?: { clientId: string; name: string };
  firstReportedAt: string;
  reportedAt: string;
  reportedBy: string;
  /** 1 when first reported, one more each time it is reported again. */
  revision: number;
}

/** A matter as its department and the credit office read it: the subject's ID as shown to them (masked for a person), never the seal. */
export const presentMatter = (m: StoredMatter) => {
  const { subject, ...rest } = m;
  return { ...rest, subject: { id: subject.maskedId, type: subject.type, name: subject.name } };
};
