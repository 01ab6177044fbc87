import type { IsoDate } from '../calendar/dates.ts';
import type { RecordKind } from '../config/record-kinds.ts';
import { consentStatus, type Consent } from './consent.ts';

/**
 * Why a query was refused, as the stable error code of its 403 (clients branch on it), also kept on the
 * usage-log entry of the refused attempt:
 * - `CONSENT_REQUIRED`: no consent by that id that this subject granted to this institution (whether it
 *   does not exist, belongs to another subject or to another institution is not disclosed);
 * - `CONSENT_REVOKED`: the subject revoked it;
 * - `CONSENT_EXPIRED`: its last day has passed (county-local);
 * - `OUT_OF_SCOPE`: it does not cover what the query asks for.
 */
export const queryRefusalCodes = ['CONSENT_REQUIRED', 'CONSENT_REVOKED', 'CONSENT_EXPIRED', 'OUT_OF_SCOPE'] as const;
export type QueryRefusalCode = (typeof queryRefusalCodes)[number];

/** A consented query: who asks, about whom, and (optionally) which part of the consent's scope; an absent part asks for what the consent grants. */
export interface QueryRequest {
  /** The caller's organisation code (the institution). */
  grantee: string;
  /** The subject's key (USCC or person key), as consents are stored. */
  subjectId: string;
  wants?: { records?: boolean; reports?: boolean; kinds?: readonly RecordKind[] };
}

/** What a query may read: records (of `kinds` only, where given) and/or valid reports. */
export interface GrantedScope {
  records: boolean;
  reports: boolean;
  kinds?: RecordKind[];
}

export type ConsentDecision = { allowed: true; scope: GrantedScope } | { allowed: false; code: QueryRefusalCode; reason: string };

/**
 * Whether a consent lets this institution read this subject's information on `today` (county-local),
 * and what exactly. Pure: the consent as stored, or undefined when there is none by that id.
 */
export function consentAllows(consent: Consent | undefined, request: QueryRequest, today: IsoDate): ConsentDecision {
  const refuse = (code: QueryRefusalCode, reason: string): ConsentDecision => ({ allowed: false, code, reason });
  if (!consent || consent.subject.id !== request.subjectId || consent.grantee.id !== request.grantee)
    return refuse('CONSENT_REQUIRED', 'the subject has given this institution no consent by that id');
  const status = consentStatus(consent, today);
  if (status === 'revoked') return refuse('CONSENT_REVOKED', `the subject revoked this consent on ${consent.revoked!.on}`);
  if (status === 'expired') return refuse('CONSENT_EXPIRED', `this consent expired after ${consent.expiresOn}`);

  const granted = consent.scope;
  const wants = request.wants ?? {};
  if (wants.records === true && !granted.records) return refuse('OUT_OF_SCOPE', "this consent does not cover the subject's records");
  if (wants.reports === true && !granted.reports) return refuse('OUT_OF_SCOPE', "this consent does not cover the subject's credit reports");
  const records = wants.records ?? granted.records;
  const reports = wants.reports ?? granted.reports;
  if (wants.kinds !== undefined) {
    if (!records) return refuse('OUT_OF_SCOPE', 'record kinds are asked for, but not records');
    const outside = granted.kinds ? wants.kinds.filter((k) => !granted.kinds!.includes(k)) : [];
    if (outside.length) return refuse('OUT_OF_SCOPE', `this consent does not cover records of kind ${outside.join(', ')}`);
  }
  if (!records && !reports) return refuse('OUT_OF_SCOPE', 'the query asks for nothing this consent covers');
  const kinds = records ? (wants.kinds ? [...wants.kinds] : granted.kinds) : undefined;
  return { allowed: true, scope: { records, reports, ...(kinds ? { kinds } : {}) } };
}
