/**
 * Hostile input: injection-like strings in every string field of every request body, and bodies over
 * the size limit. The fields come from the body schemas of functions/catalog.ts (their JSON Schema,
 * walked along a valid body), so a field added later is covered; the valid body of each route, and where
 * what it stored can be read back, are written here by hand (a route with a body and no entry fails).
 */
import * as z from 'zod';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { HttpTrigger } from '../../shared/lambda/declaration.ts';
import { uploadIdOf } from '../../shared/reports/report-rules.ts';
import { periodContaining } from '../../shared/usage-lists/usage-periods.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { eventually, send, type ApiAnswer, type ApiRequest, type Credentials } from './isolation-http.ts';
import { companyId, county, declares, isolationFilingKind, nationalListUpload, office, orgOf, uscc } from './isolation-world.ts';

/** What the brief names, and one more for JSON escaping itself; none has whitespace at its ends (bodies are trimmed). */
export const hostileStrings: readonly { name: string; value: string }[] = [
  { name: 'SQL', value: "'; DROP TABLE x; --" },
  { name: 'script', value: '<script>alert(1)</script>' },
  { name: 'template', value: '{{7*7}}' },
  { name: 'JNDI', value: '${jndi:ldap://x}' },
  { name: 'path', value: '../../etc/passwd' },
  { name: 'NUL', value: '\u0000' },
  { name: 'RTL override', value: '\u202Efdp.exe' },
  { name: 'JSON escapes', value: 'a"b\\c\nd\u2028e😀' },
  { name: 'very long', value: '長'.repeat(50_000) },
];

// ---------------------------------------------------------------------------------------------------
// The string fields of a body schema
// ---------------------------------------------------------------------------------------------------

type JsonSchema = { [key: string]: unknown };

/** The body schema as the OpenAPI document shows it (the per-record schema for POST /records). */
export const bodySchemaOf = (trigger: HttpTrigger): JsonSchema | undefined => {
  const schema = trigger.request?.documentedBody ?? trigger.request?.body;
  return schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema) : undefined;
};

/**
 * Paths (`a.b.0.c`) of every string field of `schema` along the valid body `value`: properties present
 * in it and optional ones absent from it, the branch of a union that `value` matches, the first item of
 * an array it holds. Enums and constants are not text.
 */
export function stringFieldPaths(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path: string[] = []): string[] {
  const resolved = resolve(schema, root);
  const branches = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const branch = branches.map((b) => resolve(b, root)).find((b) => matches(b, value, root));
    return branch ? stringFieldPaths(branch, value, root, path) : [];
  }
  if (resolved.type === 'string') return resolved.enum || resolved.const !== undefined ? [] : [path.join('.')];
  if (resolved.type === 'object' && resolved.properties) {
    const record = (value ?? {}) as Record<string, unknown>;
    return Object.entries(resolved.properties as Record<string, JsonSchema>).flatMap(([name, property]) => {
      const inner = resolve(property, root);
      if (record[name] === undefined && inner.type !== 'string') return [];
      return stringFieldPaths(property, record[name], root, [...path, name]);
    });
  }
  if (resolved.type === 'array' && resolved.items && Array.isArray(value) && value.length) return stringFieldPaths(resolved.items as JsonSchema, value[0], root, [...path, '0']);
  return [];
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  const name = ref.split('/').pop()!;
  return resolve(((root.$defs ?? root.definitions) as Record<string, JsonSchema>)[name]!, root);
}

/** Whether `value` fits a union branch: an object of its constants, with what it requires. */
function matches(branch: JsonSchema, value: unknown, root: JsonSchema): boolean {
  const nested = (branch.anyOf ?? branch.oneOf) as JsonSchema[] | undefined;
  if (nested) return nested.some((b) => matches(resolve(b, root), value, root));
  if (branch.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
  if (((branch.required ?? []) as string[]).some((name) => record[name] === undefined)) return false;
  if (branch.additionalProperties === false && Object.keys(record).some((k) => !(k in properties))) return false;
  return Object.entries(properties).every(([name, property]) => {
    const p = resolve(property, root);
    if (p.const !== undefined) return record[name] === p.const;
    if (Array.isArray(p.enum) && record[name] !== undefined) return p.enum.includes(record[name]);
    return true;
  });
}

/** A copy of `body` with `value` at `path` (numeric segments index arrays). */
export function withValueAt(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const segments = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const segment of segments.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
  at[segments.at(-1)!] = value;
  return copy;
}

/** Whether `value` is somewhere in `json` as a whole string. */
export function holdsString(json: unknown, value: string): boolean {
  if (typeof json === 'string') return json === value;
  if (Array.isArray(json)) return json.some((item) => holdsString(item, value));
  if (json && typeof json === 'object') return Object.values(json).some((item) => holdsString(item, value));
  return false;
}

// ---------------------------------------------------------------------------------------------------
// A small world: one department, one agency, one company, its bank and its consent
// ---------------------------------------------------------------------------------------------------

export interface HostileWorld {
  platform: LocalPlatform;
  today: string;
  previousPeriod: string;
  consentId: string;
  unique(prefix: string): string;
  as(credentials: Credentials, request: ApiRequest, expected?: number | number[]): Promise<ApiAnswer>;
  /** A penalty of dept-a on the company, `daysAgo` days old (200: credit repair may be asked for). */
  pushRecord(daysAgo?: number): Promise<{ recordId: string; input: Record<string, unknown> }>;
  newCheck(): Promise<string>;
  raise(path: '/objections' | '/repairs', recordId: string): Promise<string>;
  /** A report of agency-a on the company, accepted. */
  newReport(): Promise<string>;
  /** Posts the PDF of a started upload and waits for its report: its state. */
  settleUpload(started: ApiAnswer): Promise<ApiAnswer>;
}

export const department = orgOf('department', 'A');
export const subject = orgOf('subject', 'A');
export const agency = orgOf('agency', 'A');
export const bank = orgOf('institution', 'A');
const authority = { name: '郏县隔离测试执法局', uscc: uscc('MB0000001') };

export async function seedHostileWorld(platform: LocalPlatform): Promise<HostileWorld> {
  const calendar = workingDayCalendar(county.calendar);
  const today = localDate(platform.clock.now(), county.timeZone);
  const previousPeriod = periodContaining(addDays(periodContaining(today, county.usageList, calendar).firstDay, -1), county.usageList, calendar).id;
  let serial = 0;
  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(serial += 1)}`;
  const as: HostileWorld['as'] = async (credentials, request, expected) => {
    const answer = await send(platform, request, credentials);
    const ok = expected === undefined ? answer.status < 300 : ([] as number[]).concat(expected).includes(answer.status);
    if (!ok) throw new Error(`fixture: ${request.method} ${request.path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    return answer;
  };
  await as(office, { method: 'POST', path: '/departments', body: { orgId: department.orgId, name: '郏县甲局' } });
  await as(office, {
    method: 'POST',
    path: '/agencies',
    body: { agencyId: agency.orgId, name: '隔离测试信用服务有限公司', uscc: uscc('MC0000001'), filingNumber: '信备〔2026〕1号', filingAuthority: '郏县信用办' },
  });
  const consentId = declares('POST /consents')
    ? ((
        await as(subject, {
          method: 'POST',
          path: '/consents',
          body: { grantee: bank.orgId, purpose: { category: 'loan', text: '贷款审查' }, scope: { records: true, reports: true }, expiresOn: addDays(today, 60) },
        })
      ).json.consentId as string)
    : '';

  const w: HostileWorld = {
    platform,
    today,
    previousPeriod,
    consentId,
    unique,
    as,
    async pushRecord(daysAgo = 3) {
      const input = penaltyInput(unique('HOST'), addDays(today, -daysAgo));
      const answer = await as(department, { method: 'POST', path: '/records', body: input });
      return { recordId: answer.json.recordId as string, input };
    },
    async newCheck() {
      const answer = await as(department, { method: 'POST', path: '/checks', body: { subjectId: companyId, matter: { type: 'procurement', reference: unique('REF'), name: '采购' } } });
      return answer.json.checkId as string;
    },
    async raise(path, recordId) {
      const body = path === '/objections' ? { recordId, reason: '处罚对象有误' } : { recordId, reason: '已缴清', commitment: '诚信经营', correctiveActions: '已整改' };
      return (await as(subject, { method: 'POST', path, body })).json.case.caseId as string;
    },
    async newReport() {
      const started = await as(agency, { method: 'POST', path: '/reports/uploads', body: uploadBody(unique('RPT'), today) });
      const state = await w.settleUpload(started);
      if (state.json?.state !== 'accepted') throw new Error(`fixture: report not accepted: ${state.text}`);
      return state.json.reportId as string;
    },
    async settleUpload(started) {
      const form = new FormData();
      for (const [name, value] of Object.entries(started.json.upload.fields as Record<string, string>)) form.append(name, value);
      form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'report.pdf');
      const posted = await fetch(started.json.upload.url, { method: 'POST', body: form });
      if (posted.status !== 204) throw new Error(`fixture: report POST answered ${posted.status}: ${await posted.text()}`);
      return eventually(`upload ${started.json.uploadId} to settle`, async () => {
        const state = await as(agency, { method: 'GET', path: `/reports/uploads/${started.json.uploadId}` });
        return state.json?.state === 'pending' ? undefined : state;
      });
    },
  };
  return w;
}

/** An item of a matter list, with a measure (so that its measure ids are sent hostile strings too). */
const matterListItem = () => ({ itemId: 'ML-01', matterType: 'procurement', name: '政府采购资格审查', legalBasis: '《政府采购法》第二十二条', checkRequired: true, reportRequired: false, measures: ['dishonesty-punishment'] });

const penaltyInput = (decisionNumber: string, decisionDate: string) => ({
  kind: 'penalty',
  subject: { name: '郏县甲隔离测试有限公司', category: 'legalPerson', uscc: companyId, legalRepresentative: '王甲' },
  decisionNumber,
  decisionDate,
  authority,
  sourceDepartment: '郏县甲局',
  violationType: '未按规定公示信息',
  facts: '未按规定公示年度报告',
  legalBasis: '《企业信息公示暂行条例》第十八条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币五千元',
  fineAmountYuan: 5000,
  remarks: '无',
});

const uploadBody = (reportNumber: string, today: string) => ({
  subjectId: companyId,
  reportNumber,
  reportType: 'comprehensive',
  issueDate: addDays(today, -1),
  rating: 'A',
  riskWarning: '无',
});

// ---------------------------------------------------------------------------------------------------
// One entry per route with a body
// ---------------------------------------------------------------------------------------------------

/** A valid request of a route, who sends it, and where what it stores shows. */
export interface Template {
  /** What the next attempt on the same field reuses (a record, a case, a department…). */
  state?: Record<string, unknown>;
  request: ApiRequest;
  as: Credentials;
  /** Where a successful request's stored values show (read with its answer). */
  readBack(answer: ApiAnswer): Promise<ApiAnswer>;
  /** Whether a request with `marker` in its `markerField` left anything (read without its answer). */
  stored(marker: string): Promise<boolean>;
}

export interface HostileRoute {
  /**
   * A valid request. `after` is the previous attempt on the same field: a request whose success used up
   * its resource (an open case per record, one answer per case) gets a fresh one; otherwise it is reused.
   */
  prepare(w: HostileWorld, after?: { template: Template; answer: ApiAnswer }): Promise<Template>;
  /** A free-text field that shows where the request's effect is stored (for the oversized body). */
  markerField: string;
  /** The marker as that field takes it (a file name ends in .xlsx); the marker itself when not given. */
  markerValue?: (marker: string) => string;
  /** The string fields sent hostile strings, from all those of the body schema; all when not given. */
  fields?: (all: string[]) => string[];
  /**
   * A route that stores nothing (a preview): how a 2xx answer is judged instead of reading the value back,
   * and the oversized body's control is a 2xx that stores nothing either.
   */
  judge2xx?: (answer: ApiAnswer, field: string, value: string, template: Template) => Promise<string | undefined>;
  /** A batch answering per item: an item refused naming the field (a 200 whose first result is that error) counts as a 400 naming it. */
  judgeItem?: boolean;
}

type After = { template: Template; answer: ApiAnswer } | undefined;
/** The resource of the previous attempt, unless that attempt went through and used it up. */
const unused = <T>(after: After): T | undefined => (after && after.answer.status >= 300 ? (after.template.state as T) : undefined);
const textOf = async (w: HostileWorld, credentials: Credentials, path: string) => (await w.as(credentials, { method: 'GET', path })).text;
/** Every page of a paged list (`nextToken`), as one text: the matrix's routes log many checks. */
const allPagesOf = async (w: HostileWorld, credentials: Credentials, path: string) => {
  let text = '';
  let token: string | undefined;
  do {
    const answer = await w.as(credentials, { method: 'GET', path: `${path}${path.includes('?') ? '&' : '?'}limit=200${token ? `&nextToken=${encodeURIComponent(token)}` : ''}` });
    text += answer.text;
    token = answer.json?.nextToken as string | undefined;
  } while (token);
  return text;
};

/** Posts a PDF with the presigned POST a `POST /filings/uploads` answered: its upload id, ready to confirm. */
async function postFilingDocument(announced: ApiAnswer): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(announced.json.upload.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'filing.pdf');
  const posted = await fetch(announced.json.upload.url, { method: 'POST', body: form });
  if (posted.status !== 204) throw new Error(`a filing's document POST answered ${posted.status}: ${await posted.text()}`);
  return announced.json.uploadId as string;
}

/** The day the marker's matter is decided on in the upload (the world's today). */
let markerDay = '';
/** Months back of the next bulletin the publish route uses up (each success publishes a month). */
let publishMonthsBack = 6;
/** The month `n` months before the world's today, YYYY-MM. */
const monthsBefore = (w: HostileWorld, n: number) => {
  const [y, m] = w.today.slice(0, 7).split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
/** The version of a month's draft bulletin, drafted first when there is none. */
async function draftVersion(w: HostileWorld, month: string): Promise<number> {
  let read = await send(w.platform, { method: 'GET', path: `/bulletins/${month}` }, office);
  if (read.status === 404) {
    await send(w.platform, { method: 'POST', path: `/bulletins/${month}/refresh`, body: {} }, office);
    read = await w.as(office, { method: 'GET', path: `/bulletins/${month}` });
  }
  return read.json.version as number;
}

export const hostileRoutes: Record<string, HostileRoute> = {
  'POST /records': {
    markerField: 'facts',
    prepare: async (w) => ({
      request: { method: 'POST', path: '/records', body: penaltyInput(w.unique('HOST'), addDays(w.today, -3)) },
      as: department,
      readBack: (a) => w.as(department, { method: 'GET', path: `/records/${a.json.recordId}?history=true` }),
      stored: async (marker) => (await textOf(w, office, `/subjects/${companyId}/records`)).includes(marker),
    }),
  },
  'POST /records/preview': {
    markerField: 'facts',
    judge2xx: async (answer, field, value, template) => {
      // Refused: the problem names the field the value was put in. Accepted: a push of the same body stores it intact.
      if (answer.json.valid === false) {
        const fields = (answer.json.problems as { field: string }[]).map((p) => p.field);
        return fields.includes(field) ? undefined : `a preview naming ${JSON.stringify(fields)}, not ${field}`;
      }
      const push = (template.state as { push: (body: unknown) => Promise<ApiAnswer> }).push;
      const pushed = await push(withValueAt(template.request.body, field, value));
      return pushed.status < 300 && pushed.text.includes(JSON.stringify(value).slice(1, -1)) ? undefined : `previewed valid, but the push stored something else (${pushed.status}: ${pushed.text.slice(0, 200)})`;
    },
    prepare: async (w) => {
      const body = penaltyInput(w.unique('PREV'), addDays(w.today, -3));
      // What the preview accepted, pushed as it was previewed and read back.
      const push = async (sent: unknown) => {
        const pushed = await w.as(department, { method: 'POST', path: '/records', body: sent });
        return pushed.status >= 300 ? pushed : w.as(department, { method: 'GET', path: `/records/${pushed.json.recordId}?history=true` });
      };
      return {
        state: { push },
        request: { method: 'POST', path: '/records/preview', body },
        as: department,
        readBack: async (a) => a,
        stored: async () => false,
      };
    },
  },
  'POST /imports': {
    markerField: 'fileName',
    markerValue: (marker) => `${marker}.xlsx`,
    prepare: async (w) => ({
      request: { method: 'POST', path: '/imports', body: { kind: 'penalty', fileName: `${w.unique('IMP')}.xlsx` } },
      as: department,
      readBack: (a) => w.as(department, { method: 'GET', path: `/imports/${a.json.importId}` }),
      stored: async (marker) => (await textOf(w, department, '/imports')).includes(marker),
    }),
  },
  'PUT /records/{id}': {
    markerField: 'reason',
    // `record` is the record schema of POST /records, whose every field is covered there; a correction's
    // own fields, and one record field for the nested path (body.record.facts), are covered here.
    fields: (all) => all.filter((f) => !f.startsWith('record.') || f === 'record.facts'),
    prepare: async (w, after) => {
      // A correction is a new version: the next one on the same record states the version it corrects.
      type State = { recordId: string; input: Record<string, unknown>; version: number };
      const previous = after?.template.state as State | undefined;
      const state: State = previous
        ? { ...previous, version: after!.answer.status < 300 ? (after!.answer.json.version as number) : previous.version }
        : { ...(await w.pushRecord()), version: 1 };
      return {
        state,
        request: { method: 'PUT', path: `/records/${state.recordId}`, body: { record: state.input, reason: '更正', expectedVersion: state.version } },
        as: department,
        readBack: () => w.as(department, { method: 'GET', path: `/records/${state.recordId}?history=true` }),
        stored: async (marker: string) => (await textOf(w, department, `/records/${state.recordId}?history=true`)).includes(marker),
      };
    },
  },
  'POST /checks': {
    markerField: 'matter.name',
    prepare: async (w) => ({
      request: { method: 'POST', path: '/checks', body: { subjectId: companyId, matter: { type: 'procurement', reference: w.unique('REF'), name: '采购' } } },
      as: department,
      readBack: (a) => w.as(department, { method: 'GET', path: `/checks/${a.json.checkId}` }),
      stored: async (marker) => (await allPagesOf(w, department, '/checks')).includes(marker),
    }),
  },
  'PUT /checks/{id}/outcome': {
    markerField: 'usage',
    prepare: async (w, after) => {
      // An outcome may be recorded again: one check serves every attempt on a field.
      const checkId = (after?.template.state?.checkId as string | undefined) ?? (await w.newCheck());
      // An outcome records only a measure the check offered and that was in force (check-outcome.ts).
      const shown = await w.as(department, { method: 'GET', path: `/checks/${checkId}` }, 200);
      const offered = ((shown.json.measures ?? []) as { measureId: string; suspended?: unknown }[]).find((m) => !m.suspended);
      return {
        state: { checkId },
        request: {
          method: 'PUT',
          path: `/checks/${checkId}/outcome`,
          body: { usage: '查询信用记录', appliedMeasures: offered ? [{ measureId: offered.measureId, note: '备注' }] : [], decision: 'approved', note: '备注' },
        },
        as: department,
        // The answer is the check read again after the outcome was saved (check-outcome.ts).
        readBack: async (a) => a,
        stored: async (marker) => (await textOf(w, department, `/checks/${checkId}`)).includes(marker),
      };
    },
  },
  'POST /checks/batch': {
    markerField: 'matter.name',
    prepare: async (w) => ({
      request: {
        method: 'POST',
        path: '/checks/batch',
        headers: { 'idempotency-key': w.unique('batch') },
        body: { matter: { type: 'bidding', reference: w.unique('ZB'), name: '招标' }, subjects: [{ subjectId: companyId, reference: 'B1' }] },
      },
      as: department,
      // The item's reference is echoed; the matter is kept with the check the item logged.
      readBack: async (a) => {
        const checkId = a.json?.results?.[0]?.check?.checkId as string | undefined;
        const check = checkId ? await w.as(department, { method: 'GET', path: `/checks/${checkId}` }) : undefined;
        return { ...a, json: [a.json, check?.json] };
      },
      stored: async (marker) => (await allPagesOf(w, department, '/checks')).includes(marker),
    }),
    // A subject's code or reference is refused at its item (200, the item's error naming the field): judged as a 400 would be.
    judgeItem: true,
  },
  'POST /objections/{id}/evidence': {
    markerField: 'evidence.0.fileName',
    markerValue: (marker) => `${marker}.pdf`,
    prepare: async (w, after) => {
      // A new objection after each success: the county limits the files one objection holds.
      const caseId = unused<{ caseId: string }>(after)?.caseId ?? (await w.raise('/objections', (await w.pushRecord()).recordId));
      return {
        state: { caseId },
        request: { method: 'POST', path: `/objections/${caseId}/evidence`, body: { evidence: [{ fileName: '补充证明.pdf', contentType: 'application/pdf', bytes: 1000 }] } },
        as: subject,
        readBack: () => w.as(subject, { method: 'GET', path: `/objections/${caseId}` }),
        stored: async (marker) => (await textOf(w, subject, `/objections/${caseId}`)).includes(marker),
      };
    },
  },
  'POST /machine-clients': {
    markerField: 'name',
    prepare: async (w) => ({
      request: { method: 'POST', path: '/machine-clients', body: { departmentOrgId: department.orgId, name: '审批系统', scopes: ['checks:run'] } },
      as: office,
      readBack: () => w.as(office, { method: 'GET', path: '/machine-clients' }),
      stored: async (marker) => (await textOf(w, office, '/machine-clients')).includes(marker),
    }),
  },
  'POST /machine-clients/{id}/revoke': {
    markerField: 'reason',
    prepare: async (w, after) => {
      // A revoked client keeps its first reason: a fresh one after each success.
      const clientId =
        unused<{ clientId: string }>(after)?.clientId ??
        ((await w.as(office, { method: 'POST', path: '/machine-clients', body: { departmentOrgId: department.orgId, name: w.unique('旧系统'), scopes: ['checks:run'] } })).json.clientId as string);
      return {
        state: { clientId },
        request: { method: 'POST', path: `/machine-clients/${clientId}/revoke`, body: { reason: '停用' } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: '/machine-clients' }),
        stored: async (marker) => (await textOf(w, office, '/machine-clients')).includes(marker),
      };
    },
  },
  'POST /commitments/{id}/result': {
    markerField: 'note',
    prepare: async (w, after) => {
      // A commitment takes one result: a fresh one (a check with a commitment) after each success.
      const recordId =
        unused<{ recordId: string }>(after)?.recordId ??
        ((
          await w.as(department, {
            method: 'POST',
            path: '/checks',
            body: {
              subjectId: companyId,
              matter: { type: 'administrative-approval', reference: w.unique('XK'), name: '许可' },
              commitment: { mode: 'written', subjectName: '隔离测试公司', authority, text: '承诺材料真实', promised: ['补交材料'], dueDate: addDays(w.today, 30) },
            },
          })
        ).json.commitment.recordId as string);
      return {
        state: { recordId },
        request: { method: 'POST', path: `/commitments/${recordId}/result`, body: { result: 'fulfilled', note: '已履约' } },
        as: department,
        readBack: () => w.as(department, { method: 'GET', path: '/commitments' }),
        stored: async (marker) => (await textOf(w, department, '/commitments')).includes(marker),
      };
    },
  },
  // Narrative filings (issue 17 §5): an announced document is stored only once confirmed; a confirmation uses its document up.
  'POST /filings/uploads': {
    markerField: 'fileName',
    markerValue: (marker) => `${marker}.pdf`,
    judge2xx: async (answer, _field, value, template) => {
      // Announced: the document posted and confirmed, the filing keeps the value.
      const w = (template.state as { w: HostileWorld }).w;
      const uploadId = await postFilingDocument(answer);
      const body = { uploadId, kind: isolationFilingKind.id, period: `${w.today.slice(0, 4)}-Q1`, title: '工作总结', summary: '隔离测试', documentDate: w.today };
      const filed = await send(w.platform, { method: 'POST', path: '/filings', body }, department);
      return filed.status < 300 && holdsString(filed.json, value) ? undefined : `announced, but the filing did not keep the value (${filed.status}: ${filed.text.slice(0, 200)})`;
    },
    prepare: async (w) => ({
      state: { w },
      request: { method: 'POST', path: '/filings/uploads', body: { fileName: `${w.unique('FIL')}.pdf`, contentType: 'application/pdf', bytes: demoPdf.length } },
      as: department,
      readBack: async (a) => a,
      stored: async () => false,
    }),
  },
  'POST /filings': {
    markerField: 'title',
    prepare: async (w, after) => {
      let uploadId = unused<{ uploadId: string }>(after)?.uploadId;
      if (!uploadId) uploadId = await postFilingDocument(await w.as(department, { method: 'POST', path: '/filings/uploads', body: { fileName: '工作总结.pdf', contentType: 'application/pdf', bytes: demoPdf.length } }));
      return {
        state: { uploadId },
        request: { method: 'POST', path: '/filings', body: { uploadId, kind: isolationFilingKind.id, period: `${w.today.slice(0, 4)}-Q1`, title: '工作总结', summary: '隔离测试', documentDate: w.today } },
        as: department,
        readBack: () => w.as(department, { method: 'GET', path: '/filings' }),
        stored: async (marker) => (await textOf(w, department, '/filings')).includes(marker),
      };
    },
  },
  // Matters handled (办件, coverage): a case number is the department's key, so reporting it again updates it.
  'POST /matters': {
    markerField: 'matters.0.decision',
    prepare: async (w) => {
      const reference = w.unique('BJ');
      return {
        request: { method: 'POST', path: '/matters', body: { matters: [{ itemId: 'ML-01', reference, subjectId: companyId, subjectName: '郏县测试公司', decidedOn: w.today, decision: '准予许可' }] } },
        as: department,
        // The month's list: a hostile case number is read back there (it cannot be a path segment).
        readBack: () => w.as(department, { method: 'GET', path: `/matters?month=${w.today.slice(0, 7)}` }),
        stored: async (marker) => (await textOf(w, department, `/matters?month=${w.today.slice(0, 7)}`)).includes(marker),
      };
    },
  },
  // The monthly upload: the marker is a case number in the file (its content), found by the matters of the month.
  'POST /matter-uploads': {
    markerField: 'content',
    markerValue: (marker) => Buffer.from(`事项清单编号,办件编号,主体代码,主体名称,办结日期\nML-01,${marker},${companyId},郏县测试公司,${markerDay}\n`).toString('base64'),
    prepare: async (w) => {
      markerDay = w.today;
      const reference = w.unique('UP');
      return {
        request: { method: 'POST', path: '/matter-uploads', body: { month: w.today.slice(0, 7), fileName: '办件.csv', content: Buffer.from(`事项清单编号,办件编号,主体代码,主体名称,办结日期\nML-01,${reference},${companyId},郏县测试公司,${w.today}\n`).toString('base64') } },
        as: department,
        readBack: async (a) => a,
        stored: async (marker) => (await textOf(w, department, `/matters?month=${w.today.slice(0, 7)}`)).includes(marker),
      };
    },
  },
  // The redrive of a destination's dead-letter queue (issue 18): it stores nothing but states; a delivery id is refused by its pattern.
  'POST /exchange/destinations/{destinationId}/redrive': {
    markerField: 'deliveryIds.0',
    markerValue: () => 'dlv_AAAAAAAAAAAAAAAAAAAAAAAAAA',
    judge2xx: async (answer) => (answer.json.redriven === 0 ? undefined : `redrove ${answer.json.redriven} deliveries for a hostile id`),
    prepare: async () => ({ request: { method: 'POST', path: '/exchange/destinations/iso-city/redrive', body: { deliveryIds: ['dlv_AAAAAAAAAAAAAAAAAAAAAAAAAA'] } }, as: office, readBack: async (a) => a, stored: async () => false }),
  },
  // A national list file (issue 18): its file name is kept with the import (the file itself is checked whole: a
  // hostile content is no list file, 400 on body.content); each upload names another case, so each is a new import.
  'POST /national-lists/imports': {
    markerField: 'fileName',
    markerValue: (marker) => `${marker}.csv`,
    prepare: async (w) => ({
      request: { method: 'POST', path: '/national-lists/imports', body: nationalListUpload(w.today, w.unique('HOST-NL')) },
      as: office,
      readBack: (a) => w.as(office, { method: 'GET', path: `/national-lists/imports/${a.json.importId}` }),
      stored: async (marker) => (await textOf(w, office, '/national-lists/imports?limit=100')).includes(marker),
    }),
  },
  // The assessment's notes (考核备注): each kept.
  'POST /assessments/{month}/annotations': {
    markerField: 'text',
    prepare: async (w) => {
      // This month: the world's department was registered today, so it is assessed from this month on.
      const month = monthsBefore(w, 0);
      return {
        request: { method: 'POST', path: `/assessments/${month}/annotations`, body: { orgId: department.orgId, text: '核查结果登记不全' } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: `/assessments?month=${month}&department=${department.orgId}` }),
        stored: async (marker) => (await textOf(w, office, `/assessments?month=${month}&department=${department.orgId}`)).includes(marker),
      };
    },
  },
  // Monthly bulletins (月通报): a draft is written and refreshed at the version read; each publication uses up a month.
  'PUT /bulletins/{month}/text': {
    markerField: 'paragraphs.0',
    prepare: async (w) => {
      const month = monthsBefore(w, 5);
      const version = await draftVersion(w, month);
      return {
        request: { method: 'PUT', path: `/bulletins/${month}/text`, body: { version, paragraphs: ['本月核查总体平稳。'] } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: `/bulletins/${month}` }),
        stored: async (marker) => (await textOf(w, office, `/bulletins/${month}`)).includes(marker),
      };
    },
  },
  'POST /bulletins/{month}/refresh': {
    markerField: 'note',
    prepare: async (w) => {
      const month = monthsBefore(w, 6);
      const version = await draftVersion(w, month);
      return {
        request: { method: 'POST', path: `/bulletins/${month}/refresh`, body: { version, note: '财政局补报了办件' } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: `/bulletins/${month}` }),
        stored: async (marker) => (await textOf(w, office, `/bulletins/${month}`)).includes(marker),
      };
    },
  },
  'POST /bulletins/{month}/publish': {
    markerField: 'note',
    prepare: async (w, after) => {
      const month = unused<{ month: string }>(after)?.month ?? monthsBefore(w, (publishMonthsBack += 1));
      const version = await draftVersion(w, month);
      return {
        state: { month },
        request: { method: 'POST', path: `/bulletins/${month}/publish`, body: { version, note: '经信用办主任签发' } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: `/bulletins/${month}` }),
        stored: async (marker) => (await textOf(w, office, `/bulletins/${month}`)).includes(marker),
      };
    },
  },

  // Matter lists (事项清单): one version awaits review at a time, so a fresh department for each submission that went through.
  'POST /matter-lists': {
    markerField: 'items.0.legalBasis',
    prepare: async (w, after) => {
      const orgId = unused<{ orgId: string }>(after)?.orgId ?? w.unique('dept-ml');
      const caller = { role: 'department' as const, orgId };
      return {
        state: { orgId },
        request: { method: 'POST', path: '/matter-lists', body: { items: [matterListItem()], comment: '首次报送' } },
        as: caller,
        readBack: () => w.as(caller, { method: 'GET', path: `/matter-lists/${orgId}` }),
        stored: async (marker) => (await textOf(w, caller, `/matter-lists/${orgId}`)).includes(marker),
      };
    },
  },
  'POST /matter-lists/{department}/versions/{version}/review': {
    markerField: 'comment',
    prepare: async (w, after) => {
      // A version is reviewed once: a fresh department and version after each review that went through.
      let orgId = unused<{ orgId: string }>(after)?.orgId;
      if (!orgId) await w.as({ role: 'department', orgId: (orgId = w.unique('dept-mlr')) }, { method: 'POST', path: '/matter-lists', body: { items: [matterListItem()] } });
      return {
        state: { orgId },
        request: { method: 'POST', path: `/matter-lists/${orgId}/versions/1/review`, body: { decision: 'return', comment: '请补充设定依据' } },
        as: office,
        readBack: () => w.as(office, { method: 'GET', path: `/matter-lists/${orgId}` }),
        stored: async (marker) => (await textOf(w, office, `/matter-lists/${orgId}`)).includes(marker),
      };
    },
  },
  'POST /matter-lists/{department}/versions/{version}/comments': {
    markerField: 'text',
    prepare: async (w, after) => {
      let orgId = after?.template.state?.orgId as string | undefined;
      if (!orgId) await w.as({ role: 'department', orgId: (orgId = w.unique('dept-mlc')) }, { method: 'POST', path: '/matter-lists', body: { items: [matterListItem()] } });
      const caller = { role: 'department' as const, orgId };
      return {
        state: { orgId },
        request: { method: 'POST', path: `/matter-lists/${orgId}/versions/1/comments`, body: { text: '已补充' } },
        as: caller,
        readBack: () => w.as(caller, { method: 'GET', path: `/matter-lists/${orgId}` }),
        stored: async (marker) => (await textOf(w, caller, `/matter-lists/${orgId}`)).includes(marker),
      };
    },
  },
  'POST /departments': {
    markerField: 'name',
    prepare: async (w) => ({
      request: { method: 'POST', path: '/departments', body: { orgId: w.unique('dept-host'), name: '新局' } },
      as: office,
      readBack: () => w.as(office, { method: 'GET', path: '/departments' }),
      stored: async (marker) => (await textOf(w, office, '/departments')).includes(marker),
    }),
  },
  'POST /usage-lists/{period}/submit': {
    markerField: 'submitter',
    prepare: async (w, after) => {
      // A list is submitted once per revision: a fresh department for each submission that went through.
      let orgId = unused<{ orgId: string }>(after)?.orgId;
      if (!orgId) await w.as(office, { method: 'POST', path: '/departments', body: { orgId: (orgId = w.unique('dept-list')), name: '报送局' } });
      const caller = { role: 'department' as const, orgId };
      return {
        state: { orgId },
        request: { method: 'POST', path: `/usage-lists/${w.previousPeriod}/submit`, body: { submitter: '张三', note: '无' } },
        as: caller,
        readBack: () => w.as(caller, { method: 'GET', path: `/usage-lists/${w.previousPeriod}` }),
        stored: async (marker) => (await textOf(w, caller, `/usage-lists/${w.previousPeriod}`)).includes(marker),
      };
    },
  },
  'POST /agencies': {
    markerField: 'name',
    prepare: async (w) => ({
      request: {
        method: 'POST',
        path: '/agencies',
        body: { agencyId: w.unique('agency-host'), name: '信用服务有限公司', uscc: uscc('MC0000901'), filingNumber: '信备〔2026〕9号', filingAuthority: '郏县信用办' },
      },
      as: office,
      readBack: () => w.as(office, { method: 'GET', path: '/public/agencies' }),
      stored: async (marker) => (await textOf(w, undefined, '/public/agencies')).includes(marker),
    }),
  },
  'PATCH /agencies/{id}': {
    markerField: 'reason',
    prepare: async (w, after) => {
      // A status may change again: one agency serves every attempt.
      let agencyId = after?.template.state?.agencyId as string | undefined;
      if (!agencyId)
        await w.as(office, {
          method: 'POST',
          path: '/agencies',
          body: { agencyId: (agencyId = w.unique('agency-patch')), name: '状态测试信用服务有限公司', uscc: uscc('MC0000902'), filingNumber: '信备〔2026〕8号', filingAuthority: '郏县信用办' },
        });
      return {
        state: { agencyId },
        request: { method: 'PATCH', path: `/agencies/${agencyId}`, body: { status: 'suspended', reason: '复核' } },
        as: office,
        // The register shows no reason publicly: the answer is the stored item (DynamoDB ALL_NEW).
        readBack: async (a) => a,
        stored: async () => JSON.parse(await textOf(w, undefined, '/public/agencies')).agencies.some((x: { agencyId: string; status: string }) => x.agencyId === agencyId && x.status === 'suspended'),
      };
    },
  },
  'POST /reports/uploads': {
    markerField: 'reportNumber',
    prepare: async (w) => {
      const body = uploadBody(w.unique('RPT'), w.today);
      return {
        request: { method: 'POST', path: '/reports/uploads', body },
        as: agency,
        // The announced fields are stored with the report once its PDF arrives.
        readBack: async (a) => {
          await w.settleUpload(a);
          return w.as(office, { method: 'GET', path: `/subjects/${companyId}/reports` });
        },
        stored: async (marker) => (await send(w.platform, { method: 'GET', path: `/reports/uploads/${uploadIdOf(agency.orgId, marker)}` }, agency)).status !== 404,
      };
    },
  },
  'POST /reports/{id}/void': {
    markerField: 'reason',
    prepare: async (w, after) => {
      const reportId = unused<{ reportId: string }>(after)?.reportId ?? (await w.newReport());
      return {
        state: { reportId },
        request: { method: 'POST', path: `/reports/${reportId}/void`, body: { reason: '作废' } },
        as: agency,
        // The answer is the report read again after it was voided (subject-reports.ts).
        readBack: async (a) => a,
        stored: async (marker) => (await textOf(w, office, `/subjects/${companyId}/reports`)).includes(marker),
      };
    },
  },
  'POST /objections': {
    markerField: 'reason',
    prepare: async (w, after) => {
      const recordId = unused<{ recordId: string }>(after)?.recordId ?? (await w.pushRecord()).recordId;
      return {
        state: { recordId },
        request: { method: 'POST', path: '/objections', body: { recordId, reason: '处罚对象有误', evidence: [{ fileName: '证明.pdf', contentType: 'application/pdf', bytes: 1000 }] } },
        as: subject,
        readBack: (a) => w.as(subject, { method: 'GET', path: `/objections/${a.json.case.caseId}` }),
        stored: async (marker) => (await textOf(w, subject, '/objections?limit=200')).includes(marker),
      };
    },
  },
  'POST /objections/{id}/verification': {
    markerField: 'reasoning',
    prepare: async (w, after) => {
      const caseId = unused<{ caseId: string }>(after)?.caseId ?? (await w.raise('/objections', (await w.pushRecord()).recordId));
      return {
        state: { caseId },
        request: { method: 'POST', path: `/objections/${caseId}/verification`, body: { outcome: 'upheld', reasoning: '经核查无误' } },
        as: department,
        // The answer is the case read again after the answer was stored (answer-case.ts).
        readBack: async (a) => a,
        stored: async (marker) => (await textOf(w, department, `/objections/${caseId}`)).includes(marker),
      };
    },
  },
  'POST /repairs': {
    markerField: 'commitment',
    prepare: async (w, after) => {
      const recordId = unused<{ recordId: string }>(after)?.recordId ?? (await w.pushRecord(200)).recordId;
      return {
        state: { recordId },
        request: {
          method: 'POST',
          path: '/repairs',
          body: { recordId, reason: '已缴清', commitment: '诚信经营', correctiveActions: '已整改', evidence: [{ fileName: '缴款凭证.pdf', contentType: 'application/pdf', bytes: 1000 }] },
        },
        as: subject,
        readBack: (a) => w.as(subject, { method: 'GET', path: `/repairs/${a.json.case.caseId}` }),
        stored: async (marker) => (await textOf(w, subject, '/repairs?limit=200')).includes(marker),
      };
    },
  },
  'POST /repairs/{id}/decision': {
    markerField: 'reasoning',
    prepare: async (w, after) => {
      const caseId = unused<{ caseId: string }>(after)?.caseId ?? (await w.raise('/repairs', (await w.pushRecord(200)).recordId));
      return {
        state: { caseId },
        request: { method: 'POST', path: `/repairs/${caseId}/decision`, body: { outcome: 'refused', reasoning: '尚未整改' } },
        as: department,
        // The answer is the case read again after the decision was stored (answer-case.ts).
        readBack: async (a) => a,
        stored: async (marker) => (await textOf(w, department, `/repairs/${caseId}`)).includes(marker),
      };
    },
  },
  'POST /consents': {
    markerField: 'purpose.text',
    prepare: async (w) => ({
      request: {
        method: 'POST',
        path: '/consents',
        body: { grantee: bank.orgId, purpose: { category: 'loan', text: '贷款审查' }, scope: { records: true, reports: false }, expiresOn: addDays(w.today, 30) },
      },
      as: subject,
      readBack: () => w.as(subject, { method: 'GET', path: '/consents?limit=200' }),
      stored: async (marker) => (await textOf(w, subject, '/consents?limit=200')).includes(marker),
    }),
  },
  'POST /queries': {
    markerField: 'purpose',
    prepare: async (w) => ({
      request: { method: 'POST', path: '/queries', body: { subjectId: companyId, consentId: w.consentId, purpose: '贷款申请' } },
      as: bank,
      readBack: () => w.as(subject, { method: 'GET', path: '/me/checks?limit=200' }),
      stored: async (marker) => (await textOf(w, subject, '/me/checks?limit=200')).includes(marker),
    }),
  },
};
