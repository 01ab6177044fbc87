import { maskResidentId, maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { openResidentId, personKey, protectSubjectId, sealResidentId, type ProtectedSubjectId } from '../privacy/personal-ids.ts';
import { recordSubjectId, type RecordInput } from './record-input.ts';

/**
 * A pushed record as the platform stores it: no resident ID number in clear. The input keeps the
 * number masked (first 6, last 4) for display, the sealed number sits beside it for the owner and the
 * credit office, and the subject is keyed by its USCC or person key. `hashed` is the input with the
 * number replaced by its person key: what the idempotency hash covers (a retry of the same body
 * matches; an unkeyed hash of a record holding an ID number would let anyone confirm a guessed number).
 */
export interface ProtectedInput {
  input: RecordInput;
  hashed: RecordInput;
  subject: ProtectedSubjectId;
  /** The input's resident ID number (the person, or the operator of an individual business), sealed. */
  residentIdSealed?: string;
}

export async function protectInput(raw: RecordInput): Promise<ProtectedInput> {
  const input = maskIdsInText(raw);
  const subject = await protectSubjectId(recordSubjectId(input));
  const residentId = input.subject.residentId;
  if (residentId === undefined) return { input, hashed: input, subject };
  const [key, sealed] = await Promise.all([personKey(residentId), subject.sealed ?? sealResidentId(residentId)]);
  return {
    input: { ...input, subject: { ...input.subject, residentId: maskResidentId(residentId) } },
    hashed: { ...input, subject: { ...input.subject, residentId: key } },
    subject,
    residentIdSealed: sealed,
  };
}

/**
 * ID numbers a department wrote into free text (facts, content: "当事人（身份证号 …）") are masked before
 * storage: what is published must not show them (GB/T 35273), and nothing keeps them whole but the seal.
 */
function maskIdsInText(input: RecordInput): RecordInput {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'residentId' ? value : maskResidentIdsIn(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(input) as RecordInput;
}

/** The record's input with its resident ID number opened: to validate and store a correction of it (never to show). */
export async function clearInput(record: { input: RecordInput; residentIdSealed?: string }): Promise<RecordInput> {
  if (!record.residentIdSealed) return record.input;
  return { ...record.input, subject: { ...record.input.subject, residentId: await openResidentId(record.residentIdSealed) } };
}
