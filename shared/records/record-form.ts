import { legalRepresentativeIdTypeLabels, penaltyCategoryLabels, recordKindLabels, type RecordKind } from '../config/record-kinds.ts';
import { nonPublicationReasonLabels } from '../config/non-publication.ts';

/**
 * The record entry form of every kind, read from the JSON Schema of `recordInput` (record-input.ts, through
 * zod's `z.toJSONSchema`: record-form-schema.ts): the fields, their Chinese labels (the part of each
 * `.describe()` before ' / '), which are required, their limits and choices. The console renders it (the
 * schema handed to the bundle at build time, web/build.ts) and the preview names a problem's field by it, so
 * the rules and the words stay in the schema alone. Pure, and free of zod: the browser imports it.
 */

/** What this reads of a JSON Schema (draft 2020-12, as zod writes it; `$ref`s into `$defs`). */
export interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

export interface FieldOption {
  value: string;
  label: string;
}

interface FieldBase {
  /** The field's path in the record, dotted (`subject.uscc`): a problem's `field`. */
  path: string;
  name: string;
  label: string;
  hint?: string;
  required: boolean;
}

export type FormField =
  | (FieldBase & { control: 'text' | 'textarea'; maxLength?: number })
  | (FieldBase & { control: 'date' })
  | (FieldBase & { control: 'number'; min?: number; max?: number })
  | (FieldBase & { control: 'boolean' })
  | (FieldBase & { control: 'select' | 'checkboxes'; options: FieldOption[] })
  | (FieldBase & { control: 'group'; fields: FormField[] });

export interface RecordForm {
  kind: RecordKind;
  label: string;
  fields: FormField[];
}

/** A longer text than this is typed in a text area (facts, content, legal basis: 4,000 characters). */
const shortTextMax = 200;
/** A parenthesis longer than this in a description is a hint, not part of the label. */
const labelParenthesisMax = 8;

/** The Chinese part of a description: what comes before its ' / ' and the English. */
const chinesePart = (description: string | undefined): string => (description ?? '').split(/\s?\/ /)[0]!.trim();

/** The label and hint of a field from its description: `决定日期 YYYY-MM-DD（北京时间）/ decision date` → 决定日期, 北京时间. */
export function describedLabel(description: string | undefined, fallback: string): { label: string; hint?: string } {
  const chinese = chinesePart(description);
  if (!chinese) return { label: fallback };
  let [label, ...rest] = chinese.split('：');
  const hints = rest.length ? [rest.join('：')] : [];
  const date = /^(.*?)\s*YYYY-MM-DD\s*(.*)$/.exec(label!);
  if (date) {
    label = date[1]!;
    if (date[2]) hints.unshift(date[2]);
  }
  const long = new RegExp(`（([^）]{${labelParenthesisMax + 1},})）$`).exec(label!);
  if (long) {
    label = label!.slice(0, long.index);
    hints.unshift(long[1]!);
  }
  const hint = hints
    .map((h) => h.replace(/^（(.*)）$/, '$1').trim())
    .filter(Boolean)
    .join('；');
  return { label: label!.trim() || fallback, ...(hint ? { hint } : {}) };
}

/** Choices of an enumeration in Chinese: the platform's label maps, else the list its description spells in order. */
const optionLabels: Record<string, Record<string, string>> = {
  kind: recordKindLabels,
  penaltyCategories: penaltyCategoryLabels,
  legalRepresentativeIdType: legalRepresentativeIdTypeLabels,
  reason: nonPublicationReasonLabels,
};

function optionsOf(name: string, values: unknown[], description: string | undefined): FieldOption[] {
  const known = optionLabels[name];
  const listed = chinesePart(description).split('：')[1]?.replace(/（[^）]*）$/, '').split('、');
  return values.map(String).map((value, i) => ({
    value,
    label: known?.[value] ?? (listed && listed.length === values.length ? listed[i]!.trim() : value),
  }));
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let guard = 0; current.$ref && guard < 20; guard += 1) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`the record schema has no $defs entry ${current.$ref}`);
    // A reference with a description of its own (a shared code schema described for this field) keeps it.
    current = { ...target, ...(current.description ? { description: current.description } : {}) };
  }
  return current;
}

/** The schema of one kind: the option of the discriminated union whose `kind` is that constant. */
export function kindSchema(root: JsonSchema, kind: string): JsonSchema | undefined {
  return (root.oneOf ?? root.anyOf ?? []).map((option) => resolve(option, root)).find((option) => resolve(option.properties?.kind ?? {}, root).const === kind);
}

function fieldOf(name: string, path: string, schema: JsonSchema, required: boolean, root: JsonSchema): FormField {
  const s = resolve(schema, root);
  const { label, hint } = describedLabel(s.description, name);
  const base = { path, name, label, ...(hint ? { hint } : {}), required };
  if (s.type === 'object' && s.properties) return { ...base, control: 'group', fields: fieldsOf(s, path, root) };
  if (s.type === 'array') {
    const items = resolve(s.items ?? {}, root);
    return { ...base, control: 'checkboxes', options: optionsOf(name, items.enum ?? [], items.description ?? s.description) };
  }
  // A choice's description spells its options, shown as the options themselves.
  if (s.enum) return { path, name, label, required, control: 'select', options: optionsOf(name, s.enum, s.description) };
  if (s.type === 'number' || s.type === 'integer') return { ...base, control: 'number', ...(s.minimum !== undefined ? { min: s.minimum } : {}), ...(s.maximum !== undefined ? { max: s.maximum } : {}) };
  if (s.type === 'boolean') return { ...base, control: 'boolean' };
  // zod's date schema is a string with a refinement JSON Schema cannot say: its description names the format.
  if (/YYYY-MM-DD/.test(s.description ?? '')) return { ...base, control: 'date' };
  return { ...base, control: (s.maxLength ?? 0) > shortTextMax ? 'textarea' : 'text', ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}) };
}

function fieldsOf(object: JsonSchema, prefix: string, root: JsonSchema): FormField[] {
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {})
    .filter(([name]) => !(prefix === '' && name === 'kind'))
    .map(([name, schema]) => fieldOf(name, prefix ? `${prefix}.${name}` : name, schema, required.has(name), root));
}

/** The form of one kind; undefined for a kind the schema does not have. */
export function recordFormOf(root: JsonSchema, kind: string): RecordForm | undefined {
  const schema = kindSchema(root, kind);
  if (!schema) return undefined;
  return { kind: kind as RecordKind, label: recordKindLabels[kind as RecordKind] ?? kind, fields: fieldsOf(schema, '', root) };
}

/** Every field of a form, groups' fields included, by path. */
export function fieldsByPath(fields: readonly FormField[]): Map<string, FormField> {
  const all = new Map<string, FormField>();
  const visit = (list: readonly FormField[]) => {
    for (const f of list) {
      all.set(f.path, f);
      if (f.control === 'group') visit(f.fields);
    }
  };
  visit(fields);
  return all;
}

/**
 * The Chinese name of a field of a kind's record (`subject.uscc` → 统一社会信用代码), for a problem's message:
 * the nearest field the path reaches (an unknown key's problem is on its object), or 记录 for the whole record.
 */
export function fieldLabelOf(root: JsonSchema, kind: string | undefined, path: string): string {
  const form = kind === undefined ? undefined : recordFormOf(root, kind);
  if (path === 'kind') return '信用记录类别';
  if (!form) return '记录';
  const byPath = fieldsByPath(form.fields);
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const found = byPath.get(parts.slice(0, n).join('.'));
    if (found) return found.label;
  }
  return '记录';
}

/** What a control holds: text as typed, the boxes ticked. */
export type FieldValue = string | string[];

/**
 * The record a filled form makes, as the API takes it: empty fields left out (the schema then says which
 * were required), numbers as numbers (anything else sent as typed, for the schema to refuse by name), 是/否
 * as true/false, an optional group left out when all its fields are empty, a required one sent even empty
 * (so each of its required fields is named).
 */
export function recordFromValues(form: RecordForm, valueOf: (path: string) => FieldValue | undefined): Record<string, unknown> {
  const build = (fields: readonly FormField[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.control === 'group') {
        const inner = build(f.fields);
        if (Object.keys(inner).length > 0 || f.required) out[f.name] = inner;
        continue;
      }
      const raw = valueOf(f.path);
      if (raw === undefined) continue;
      if (Array.isArray(raw)) {
        if (raw.length > 0) out[f.name] = raw;
        continue;
      }
      const text = raw.trim();
      if (text === '') continue;
      if (f.control === 'number') out[f.name] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
      else if (f.control === 'boolean') out[f.name] = text === 'true' ? true : text === 'false' ? false : text;
      else out[f.name] = text;
    }
    return out;
  };
  return { kind: form.kind, ...build(form.fields) };
}

/**
 * A stored record's details as the form's values, by path (the correction form starts from them). A number
 * shown masked (an ID number with *) is left empty: the clerk types it again whole.
 */
export function valuesFromRecord(details: Record<string, unknown>, prefix = ''): Map<string, FieldValue> {
  const values = new Map<string, FieldValue>();
  for (const [name, value] of Object.entries(details)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) values.set(path, value.map(String));
    else if (typeof value === 'object') for (const [p, v] of valuesFromRecord(value as Record<string, unknown>, path)) values.set(p, v);
    else if (typeof value === 'string' && value.includes('*')) continue;
    else values.set(path, String(value));
  }
  return values;
}

/**
 * The schema as the browser gets it: each description cut to its Chinese part (all the form shows), and
 * nothing else changed, so that the bundle does not carry the English half of every description.
 */
export function formSchemaOf(schema: JsonSchema): JsonSchema {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return key === 'description' && typeof value === 'string' ? chinesePart(value) : value;
  };
  return walk(schema) as JsonSchema;
}
