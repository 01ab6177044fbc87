/**
 * Field-level projection (issue 13, 3a): a caller with no relation to a record (an agency, an institution
 * outside a consented query, another subject, a department outside a check) gets exactly what the public
 * site shows of it — no remarks, no correction reason, no provider, a person's name and ID number masked.
 * Markers (isolation-world.ts) say that a value is absent; this says which FIELDS an answer has: the record
 * JSON equals the public site's JSON of that record (key order aside), or, where a route is shaped
 * differently, its keys are among the public projection's and none of its values is an internal one.
 */
import { roles } from '../../shared/identity/roles.ts';
import { allCallers, type Family, type FamilyWorld, type Org } from './isolation-world.ts';

/** Callers with no relation to `family`'s records: all but the credit office and the family's own department and subject. */
export const unrelatedCallers = (family: Family): Org[] =>
  allCallers().filter((c) => c.role !== 'creditOffice' && !(c.family === family && (c.role === 'department' || c.role === 'subject')));

/** Callers that keep a fuller view of `family`'s records: its subject, its provider, the credit office. */
export const relatedCallers = (family: Family): Org[] =>
  allCallers().filter((c) => c.role === 'creditOffice' || (c.family === family && (c.role === 'department' || c.role === 'subject')));

/** The internal values of a family's public record, named. */
export function internalValues(fw: FamilyWorld): { what: string; text: string }[] {
  const i = fw.internals;
  return [
    { what: 'remarks', text: i.remarks },
    { what: 'correction reason', text: i.correctionReason },
    { what: 'provider org id', text: i.providerOrgId },
    ...(fw.family === 'B' ? [{ what: "the person's name unmasked", text: i.subjectName }] : []),
    ...(i.residentId ? [{ what: 'the resident ID number unmasked', text: i.residentId }] : []),
  ];
}

/** Internal values found anywhere in `json` (as a string value, or inside one). */
export function internalValuesIn(json: unknown, internals: readonly { what: string; text: string }[]): string[] {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(json);
  return internals.filter((i) => strings.some((s) => s === i.text || s.includes(i.text))).map((i) => `${i.what} (${i.text})`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => {
  const text = JSON.stringify(v);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Where `got` differs from `expected` (deep, key order aside), one line per path; none when equal. */
export function jsonDifferences(got: unknown, expected: unknown, path = '$'): string[] {
  if (isObject(got) && isObject(expected)) {
    const keys = [...new Set([...Object.keys(got), ...Object.keys(expected)])].sort();
    return keys.flatMap((k) => {
      if (!(k in expected)) return [`${path}.${k}: not in the public projection (${show(got[k])})`];
      if (!(k in got)) return [`${path}.${k}: missing (public: ${show(expected[k])})`];
      return jsonDifferences(got[k], expected[k], `${path}.${k}`);
    });
  }
  if (Array.isArray(got) && Array.isArray(expected)) {
    if (got.length !== expected.length) return [`${path}: ${got.length} items, public ${expected.length}`];
    return got.flatMap((g, i) => jsonDifferences(g, expected[i], `${path}[${i}]`));
  }
  return JSON.stringify(got) === JSON.stringify(expected) ? [] : [`${path}: ${show(got)}, public ${show(expected)}`];
}

/** Keys of `got` (deep) that the public projection `expected` does not have: for answers shaped differently. */
export function keysOutside(got: unknown, expected: unknown, path = '$'): string[] {
  if (isObject(got) && isObject(expected))
    return Object.keys(got).flatMap((k) => (k in expected ? keysOutside(got[k], expected[k], `${path}.${k}`) : [`${path}.${k}`]));
  if (Array.isArray(got) && Array.isArray(expected) && expected.length) return got.flatMap((g, i) => keysOutside(g, expected[0], `${path}[${i}]`));
  return [];
}

/** Records by id (lists are compared as sets: each route orders records of the same day its own way). */
export const byRecordId = (records: readonly { recordId: string }[]) => [...records].sort((a, b) => a.recordId.localeCompare(b.recordId));

/** Every role of the platform is among the callers the projection is asked of (a role added later is too). */
export const projectionRoles = () => new Set([...unrelatedCallers('A'), ...unrelatedCallers('B'), ...relatedCallers('A')].map((c) => c.role)).size === roles.length;
