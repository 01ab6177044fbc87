import type { IsoDate } from '../calendar/dates.ts';
import type { RecordKind } from '../config/record-kinds.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';

/**
 * A subject's consent (信用信息主体同意, 授权) for one institution to read its credit information: the
 * notices forbid giving a subject's records or reports to another party without it (001 §六(三),
 * 002 §三(三), 003 §四(四)), and Lianjiang 001 §四 encourages banks and companies to query with it.
 * Kept after revocation (marked, with the time), so that every query made under it stays explained.
 */
export interface Consent {
  consentId: string;
  /** The subject that granted it: a USCC, or a person's look-up key (`P_…`) and number masked (`maskedId`, shown); never a resident ID number. */
  subject: { id: string; type: SubjectIdType; maskedId?: string };
  /** The institution it was granted to: its unified social credit code (the `orgId` of its token), and its name if the platform knows it. */
  grantee: { id: string; name: string | null };
  purpose: { category: ConsentPurposeCategory; text: string };
  scope: ConsentScope;
  /** The last county-local day on which the consent may be used (inclusive). */
  expiresOn: IsoDate;
  grantedAt: string;
  grantedOn: IsoDate;
  /** The user (token subject) who granted it. */
  grantedBy: string;
  /** Set once, by the subject: a revoked consent allows nothing from that moment. */
  revoked?: { at: string; on: IsoDate; by: string };
  /** `requestHash` of who granted what (shared/http/idempotency.ts): a retried POST with the same Idempotency-Key and body answers the stored consent, another body 409. */
  bodyHash: string;
}

/** What a consent lets the institution read: the subject's records in force (optionally of some kinds only), its valid credit reports, or both. */
export interface ConsentScope {
  records: boolean;
  reports: boolean;
  /** Only these record kinds; absent: every kind. Only with `records`. */
  kinds?: RecordKind[];
}

/** What a consent is for: the commercial activities the notices name (loans, contracts, tenders, …). */
export const consentPurposeCategories = ['loan', 'contract', 'tender', 'recruitment', 'lease', 'other'] as const;
export type ConsentPurposeCategory = (typeof consentPurposeCategories)[number];

export const consentPurposeLabels = {
  loan: '贷款融资',
  contract: '经济合同',
  tender: '招标投标',
  recruitment: '招聘用工',
  lease: '租赁',
  other: '其他',
} as const satisfies Record<ConsentPurposeCategory, string>;

export type ConsentStatus = 'live' | 'revoked' | 'expired';

/** A consent's status on a county-local day: revoked once revoked, expired after its last day, live otherwise. */
export function consentStatus(consent: Pick<Consent, 'revoked' | 'expiresOn'>, today: IsoDate): ConsentStatus {
  if (consent.revoked) return 'revoked';
  return consent.expiresOn < today ? 'expired' : 'live';
}

/** Consent ids: `con_` and 22 base64url characters. */
export const consentIdPattern = /^con_[A-Za-z0-9_-]{22}$/;
