import { maskDocumentNumber } from '../privacy/document-number-mask.ts';
import { maskResidentId, maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { openResidentId, personKey, protectSubjectId, sealResidentId, type ProtectedSubjectId } from '../privacy/personal-ids.ts';
import { recordSubjectId, type RecordInput } from './record-input.ts';

/**
 * A pushed record as the platform stores it: no personal ID number in clear. The input keeps the
 * number masked (a resident ID: first 6, last 4) for display, the sealed number sits beside it for the owner and the
 * credit office, and the subject is keyed by its USCC or person key. `hashed` is the input with the
 * number replaced by its person key: what the idempotency hash covers (a retry of the same body
 * matches; an unkeyed hash of a record holding an ID number would let anyone confirm a guessed number).
 * The legal representative's identity document number (法定代表人证件号码) is a person's number too and is
 * kept the same way: masked in the input (a resident ID as one, another document all but its last 4
 * characters), sealed beside it, keyed in `hashed`. It is never opened for display, only to correct the record.
 */
export interface ProtectedInput {
  input: RecordInput;
  hashed: RecordInput;
  subject: ProtectedSubjectId;
  /** The input's resident ID number (the person, or the operator of an individual business), sealed. */
  residentIdSealed?: string;
  /** The legal representative's identity document number, sealed (`input.subject.legalRepresentativeIdNumber` holds it masked). */
  legalRepresentativeIdSealed?: string;
}

type Subject = RecordInput['subject'];

export async function protectInput(raw: RecordInput): Promise<ProtectedInput> {
  const input = maskIdsInText(raw);
  const subject = await protectSubjectId(recordSubjectId(input));
  const residentId = input.subject.residentId;
  const [person, representative] = await Promise.all([
    residentId === undefined
      ? undefined
      : Promise.all([personKey(residentId), subject.sealed ?? sealResidentId(residentId)]).then(([key, sealed]) => ({ masked: maskResidentId(residentId), key, sealed })),
    protectRepresentativeId(input.subject),
  ]);
  if (person === undefined && representative === undefined) return { input, hashed: input, subject };
  /** The subject with its numbers as stored (`masked`) or as the idempotency hash covers them (`key`). */
  const subjectWith = (form: 'masked' | 'key'): Subject => ({
    ...input.subject,
    ...(person ? { residentId: person[form] } : {}),
    ...(representative ? { legalRepresentativeIdNumber: representative[form] } : {}),
  });
  return {
    input: { ...input, subject: subjectWith('masked') },
    hashed: { ...input, subject: subjectWith('key') },
    subject,
    ...(person ? { residentIdSealed: person.sealed } : {}),
    ...(representative ? { legalRepresentativeIdSealed: representative.sealed } : {}),
  };
}

/** The legal representative's number masked (a resident ID as one), keyed and sealed; undefined when the record has none. */
async function protectRepresentativeId(subject: Subject): Promise<{ masked: string; key: string; sealed: string } | undefined> {
  const { legalRepresentativeIdType: type, legalRepresentativeIdNumber: number } = subject;
  if (number === undefined) return undefined;
  const [key, sealed] = await Promise.all([personKey(number), sealResidentId(number)]);
  return { masked: type === 'residentId' ? maskResidentId(number) : maskDocumentNumber(number), key, sealed };
}

/** Fields holding a whole ID number, protected on their own (masked and sealed above), not as free text. */
const protectedIdFields: ReadonlySet<string> = new Set(['residentId', 'legalRepresentativeIdNumber']);

/**
 * ID numbers a department wrote into free text (facts, content: "当事人（身份证号 …）") are masked before
 * storage: what is published must not show them (GB/T 35273), and nothing keeps them whole but the seal.
 */
function maskIdsInText(input: RecordInput): RecordInput {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key !== undefined && protectedIdFields.has(key) ? value : maskResidentIdsIn(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(input) as RecordInput;
}

/**
 * The record's input with its ID numbers opened (the subject's resident ID, the legal representative's
 * document number): to validate and store a correction of it (never to show).
 */
export async function clearInput(record: { input: RecordInput; residentIdSealed?: string; legalRepresentativeIdSealed?: string }): Promise<RecordInput> {
  if (!record.residentIdSealed && !record.legalRepresentativeIdSealed) return record.input;
  const [residentId, representativeId] = await Promise.all([
    record.residentIdSealed ? openResidentId(record.residentIdSealed) : undefined,
    record.legalRepresentativeIdSealed ? openResidentId(record.legalRepresentativeIdSealed) : undefined,
  ]);
  return {
    ...record.input,
    subject: {
      ...record.input.subject,
      ...(residentId !== undefined ? { residentId } : {}),
      ...(representativeId !== undefined ? { legalRepresentativeIdNumber: representativeId } : {}),
    },
  };
}
