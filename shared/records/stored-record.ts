import { createHash } from 'node:crypto';
import type { CountyConfig } from '../config/county-config.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { publicationDeadlineFor } from './publication-deadline.ts';
import { publicityOf } from './publicity.ts';
import { withheldOf, type Withheld } from './non-publication.ts';
import type { RecordInput } from './record-input.ts';
import type { ProtectedInput } from './protected-input.ts';
import type { RecordLifecycle } from './record-status.ts';

/** A version of a credit record as the platform keeps it: the department's input and what the platform derived. */
export interface StoredRecord {
  recordId: string;
  version: number;
  kind: RecordInput['kind'];
  /** The key the subject is stored under: its USCC, or (a person) the keyed hash of the ID number (`personKey`). */
  subjectId: string;
  subjectType: 'uscc' | 'residentId';
  /** The subject's ID as shown to readers who may not see it whole: the USCC, or the masked ID number. */
  subjectMaskedId: string;
  /** The department's system that pushed or corrected this version (a machine client), absent when a person did. */
  system?: { clientId: string; name: string };
  /** The input's resident ID number, sealed (`input.subject.residentId` holds it masked). */
  residentIdSealed?: string;
  /** The legal representative's identity document number, sealed (`input.subject.legalRepresentativeIdNumber` holds it masked): opened only to correct the record, never shown. */
  legalRepresentativeIdSealed?: string;
  subjectName: string;
  providerOrgId: string;
  decisionNumber: string;
  decisionDate: IsoDate;
  /** When the platform received this version (ISO instant) and that day in the county. */
  receivedAt: string;
  receivedOn: IsoDate;
  /**
   * When the platform first received the record (version 1; absent on items stored before it was kept):
   * lateness and the provider's listing count from it, whatever corrections came later. See `firstReceipt`.
   */
  firstReceivedAt?: string;
  firstReceivedOn?: IsoDate;
  /** The department's input, resident ID and legal representative's ID numbers masked (see protected-input.ts). */
  input: RecordInput;
  /** Dual-publicity deadline (licence and penalty only). */
  publication: ReturnType<typeof publicationDeadlineFor> | null;
  publicity: ReturnType<typeof publicityOf>;
  /** Not published (不予公示), and why: used in checks, shown to the subject, the provider and the credit office, never to the public. */
  withheld?: Withheld;
  lifecycle: RecordLifecycle;
  /** The objection the record is under (while `underObjection`). */
  objectionId?: string;
  /** The objection or repair case open on the record: one at a time. */
  openCaseId?: string;
  correction?: { reason: string; previousVersion: number };
  /** SHA-256 of the canonical input (ID numbers replaced by their person keys): a retry with the same body is recognised, another body is a conflict. */
  bodyHash: string;
}

/** Deterministic record id from its idempotency key, so concurrent retries of one record meet on one id. */
export function recordIdFor(providerOrgId: string, kind: string, decisionNumber: string): string {
  return `rec_${createHash('sha256').update(`${providerOrgId}\u0000${kind}\u0000${decisionNumber}`).digest('base64url').slice(0, 22)}`;
}

export function bodyHash(input: RecordInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Builds a version of a record: publication deadline, publicity period, lifecycle. Pure. */
export function buildRecordVersion(args: {
  input: ProtectedInput;
  providerOrgId: string;
  receivedAt: Date;
  receivedOn: IsoDate;
  county: CountyConfig;
  calendar: WorkingDayCalendar;
  version: number;
  correction?: StoredRecord['correction'];
  /** The system that sent it, when a machine client did. */
  system?: StoredRecord['system'];
}): StoredRecord {
  const { input, hashed, subject, residentIdSealed, legalRepresentativeIdSealed } = args.input;
  return {
    recordId: recordIdFor(args.providerOrgId, input.kind, input.decisionNumber),
    version: args.version,
    kind: input.kind,
    subjectId: subject.key,
    subjectType: subject.sealed ? 'residentId' : 'uscc',
    subjectMaskedId: subject.masked,
    ...(args.system ? { system: args.system } : {}),
    ...(residentIdSealed ? { residentIdSealed } : {}),
    ...(legalRepresentativeIdSealed ? { legalRepresentativeIdSealed } : {}),
    subjectName: input.subject.name,
    providerOrgId: args.providerOrgId,
    decisionNumber: input.decisionNumber,
    decisionDate: input.decisionDate,
    receivedAt: args.receivedAt.toISOString(),
    receivedOn: args.receivedOn,
    firstReceivedAt: args.receivedAt.toISOString(),
    firstReceivedOn: args.receivedOn,
    input,
    ...derivedOf(input, args.receivedOn, args.county, args.calendar),
    lifecycle: args.correction ? 'corrected' : 'active',
    ...(args.correction ? { correction: args.correction } : {}),
    bodyHash: bodyHash(hashed),
  };
}

/**
 * What the platform derives from a record received on `receivedOn`: its dual-publicity deadline (late or
 * not), its publicity period, and whether it is withheld (不予公示). A version is built from it, and the
 * preview (POST /records/preview) shows it before a push, so the form never computes a rule of its own.
 */
export function derivedOf(
  input: RecordInput,
  receivedOn: IsoDate,
  county: CountyConfig,
  calendar: WorkingDayCalendar,
): Pick<StoredRecord, 'publication' | 'publicity' | 'withheld'> {
  const withheld = withheldOf(input, county.publication);
  return {
    publication: publicationDeadlineFor(input, receivedOn, county, calendar) ?? null,
    publicity: publicityOf(input, calendar, county.publication, county.cases.repairableLists),
    ...(withheld ? { withheld } : {}),
  };
}

/** When the record was first received: the instant and the county-local day. */
export const firstReceipt = (record: Pick<StoredRecord, 'receivedAt' | 'receivedOn' | 'firstReceivedAt' | 'firstReceivedOn'>) => ({
  at: record.firstReceivedAt ?? record.receivedAt,
  on: record.firstReceivedOn ?? record.receivedOn,
});

/**
 * A correction is a new version, but the record was published when it was first received: it keeps that
 * day and its publication deadline (a correction does not make a late record punctual, nor move it).
 */
export function keepFirstReceipt(previous: StoredRecord, next: StoredRecord): StoredRecord {
  const first = firstReceipt(previous);
  return { ...next, publication: previous.publication, firstReceivedAt: first.at, firstReceivedOn: first.on };
}
