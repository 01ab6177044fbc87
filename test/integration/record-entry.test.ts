/**
 * Record entry in the console (issue 15 §1) on the local platform: POST /records/preview answers what a push
 * would make of a record today (every problem, named in Chinese; the publication deadline and 逾期 before
 * submit) and stores nothing; GET /records lists a department's own records, newest first, by kind, status,
 * days received, number or name and lateness, paged; a correction (PUT /records/{id}) shows in its history with
 * its reason and in the list as corrected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { publicationDeadline } from '../../shared/records/publication-deadline.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const today = testDate;
const calendar = workingDayCalendar(county.calendar);
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const company = { code: uscc('MAREC0001'), name: '郏县记录录入测试有限公司' };
const other = { code: uscc('MAREC0002'), name: '郏县另一家测试商行' };
const authority = { name: '郏县市场监督管理局', uscc: uscc('MAREC0009') };
/** The company's code with a wrong check character. */
const badCode = `${company.code.slice(0, 17)}${company.code[17] === '0' ? '1' : '0'}`;

let platform: LocalPlatform;
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);

const penalty = (number: string, daysAgo: number, subject = company, extra: object = {}) => ({
  kind: 'penalty',
  subject: { name: subject.name, category: 'legalPerson', uscc: subject.code, legalRepresentative: '赵测试' },
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '郏县市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《中华人民共和国反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币二万元',
  fineAmountYuan: 20_000,
  ...extra,
});
const licence = (number: string) => ({
  kind: 'licence',
  subject: { name: company.name, category: 'legalPerson', uscc: company.code },
  decisionNumber: number,
  decisionDate: today,
  authority,
  sourceDepartment: '郏县市场监督管理局',
  licenceDocumentName: '食品经营许可决定书',
  licenceCategory: '普通',
  licenceContent: '食品销售',
  validFrom: today,
});

async function push(record: object, by = 'dept-market'): Promise<string> {
  const answer = await call('POST', '/records', 'department', by, record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId as string;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  platform = await startTestPlatform(county, 'record-entry-it');
  // Oldest first: the list answers newest first.
  ids.late = await push(penalty('郏市监罚〔2026〕RE1号', 20));
  ids.onTime = await push(penalty('郏市监罚〔2026〕RE2号', 0, other));
  ids.licence = await push(licence('郏市监许〔2026〕RE3号'));
  ids.corrected = await push(penalty('郏市监罚〔2026〕RE4号', 1));
  ids.taxes = await push(penalty('郏税罚〔2026〕RE5号', 0), 'dept-tax');
}, 120_000);
afterAll(() => platform?.stop());

describe('POST /records/preview', () => {
  it('answers the deadline and the late flag of a penalty decided 20 days ago, as the push judged it, storing nothing', async () => {
    const record = penalty('郏市监罚〔2026〕RE9号', 20);
    const expected = publicationDeadline(record.decisionDate, today, county, calendar);
    expect(expected.late).toBe(true);
    const answer = await call('POST', '/records/preview', 'department', 'dept-market', record);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ valid: true, problems: [], publication: expected });
    expect(answer.body.publicity).toMatchObject({ publicFrom: record.decisionDate });
    expect(answer.body.existing).toBeUndefined();
    // Nothing was stored: the id it names is not found, and the same record pushes as new.
    expect((await call('GET', `/records/${answer.body.recordId}`, 'department', 'dept-market')).status).toBe(404);
    const stored = await push(record);
    expect(stored).toBe(answer.body.recordId);
    const pushed = await call('GET', `/records/${stored}`, 'department', 'dept-market');
    expect(pushed.body.record.publication).toEqual(expected);
    // Previewed again, the record is known: a push of another body would be a conflict.
    const again = await call('POST', '/records/preview', 'department', 'dept-market', record);
    expect(again.body.existing).toEqual({ recordId: stored, version: 1 });
  });

  it('answers every problem of a record with a bad code, each naming its field in Chinese, and the deadline still', async () => {
    const record = { ...penalty('郏市监罚〔2026〕RE10号', 3), subject: { name: company.name, category: 'legalPerson', uscc: badCode }, facts: '', penaltyCategories: [] };
    const answer = await call('POST', '/records/preview', 'department', 'dept-market', record);
    expect(answer.status).toBe(200);
    expect(answer.body.valid).toBe(false);
    expect(answer.body.problems.map((p: any) => p.field)).toEqual(['subject.uscc', 'facts', 'penaltyCategories']);
    const [code, facts, categories] = answer.body.problems;
    expect(code).toMatchObject({ label: '统一社会信用代码（18位）', rule: expect.stringMatching(/^check character should be /) });
    expect(code.message).toMatch(/^统一社会信用代码（18位）：校验码错误，应为 /);
    expect(facts.message).toBe('违法事实：不能为空');
    expect(categories.message).toBe('处罚类别（可多选）：至少选择一项处罚类别');
    expect(answer.body.publication).toEqual(publicationDeadline(record.decisionDate, today, county, calendar));
    expect(answer.body.publicity).toBeNull();
    // The push refuses the same record on the first of them.
    const pushed = await call('POST', '/records', 'department', 'dept-market', record);
    expect(pushed.status).toBe(400);
    expect(pushed.body.error).toMatchObject({ field: 'body.subject.uscc' });
  });

  it('names a decision after today and a kind it does not know', async () => {
    const future = await call('POST', '/records/preview', 'department', 'dept-market', penalty('郏市监罚〔2026〕RE11号', -1));
    expect(future.body.problems).toEqual([expect.objectContaining({ field: 'decisionDate', message: `决定日期：不能晚于今天（${today}）` })]);
    expect(future.body.publication).toBeNull();
    const unknown = await call('POST', '/records/preview', 'department', 'dept-market', { kind: 'parkingTicket' });
    expect(unknown.body.problems).toEqual([expect.objectContaining({ field: 'kind', message: '信用记录类别：请从列表中选择' })]);
  });

  it('is for departments only', async () => {
    expect((await call('POST', '/records/preview', 'subject', company.code, penalty('X', 1))).status).toBe(403);
  });
});

describe('GET /records', () => {
  it("lists the department's own records, newest received first, masked as its provider sees them", async () => {
    const all = await list('');
    const mine = numbersOf(all);
    expect(mine.indexOf(ids.corrected)).toBeLessThan(mine.indexOf(ids.licence));
    expect(mine.indexOf(ids.licence)).toBeLessThan(mine.indexOf(ids.onTime));
    expect(mine.indexOf(ids.onTime)).toBeLessThan(mine.indexOf(ids.late));
    expect(mine).not.toContain(ids.taxes);
    expect(numbersOf(await list('', 'dept-tax'))).toEqual([ids.taxes]);
    expect(all.records[0]).toMatchObject({ kind: expect.any(String), kindLabel: expect.any(String), status: 'active', decisionNumber: expect.any(String) });
  });

  it('filters by kind, lateness, number or name, status and days received', async () => {
    expect(numbersOf(await list('?kind=licence'))).toEqual([ids.licence]);
    const late = numbersOf(await list('?late=true'));
    expect(late).toContain(ids.late);
    expect(late).not.toContain(ids.onTime);
    expect(late).not.toContain(ids.licence);
    expect(numbersOf(await list(`?q=${encodeURIComponent('另一家')}`))).toEqual([ids.onTime]);
    expect(numbersOf(await list(`?q=${encodeURIComponent('RE3')}`))).toEqual([ids.licence]);
    expect(numbersOf(await list(`?kind=penalty&q=${encodeURIComponent('RE1号')}`))).toEqual([ids.late]);
    expect(numbersOf(await list(`?from=${today}&to=${today}&kind=licence`))).toEqual([ids.licence]);
    expect((await list(`?to=${addDays(today, -1)}`)).records).toEqual([]);
    expect((await list('?status=revoked')).records).toEqual([]);
    const refused = await call('GET', `/records?from=${today}&to=${addDays(today, -1)}`, 'department', 'dept-market');
    expect(refused.status).toBe(400);
  });

  it('pages with a token, and refuses another listing’s token', async () => {
    const all = numbersOf(await list('?limit=50'));
    const first = await list('?limit=2');
    expect(numbersOf(first)).toEqual(all.slice(0, 2));
    expect(first.nextToken).toBeTruthy();
    const second = await list(`?limit=2&nextToken=${first.nextToken}`);
    expect(numbersOf(second)).toEqual(all.slice(2, 4));
    const theirs = await call('GET', `/records?nextToken=${first.nextToken}`, 'department', 'dept-tax');
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.field).toBe('query.nextToken');
  });
});

describe('a correction', () => {
  it('is a new version with its reason in the history, and the list shows the record corrected', async () => {
    const current = await call('GET', `/records/${ids.corrected}`, 'department', 'dept-market');
    const details = current.body.record.details;
    const corrected = await call('PUT', `/records/${ids.corrected}`, 'department', 'dept-market', {
      record: { ...details, facts: '宣传与实际不符（更正：涉及两款产品）' },
      reason: '违法事实表述不完整',
      expectedVersion: 1,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const history = await call('GET', `/records/${ids.corrected}?history=true`, 'department', 'dept-market');
    expect(history.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(history.body.versions[1].correction).toEqual({ reason: '违法事实表述不完整', previousVersion: 1 });
    expect(numbersOf(await list('?status=corrected'))).toEqual([ids.corrected]);
    // A stale version is refused.
    const stale = await call('PUT', `/records/${ids.corrected}`, 'department', 'dept-market', { record: details, reason: '再次更正', expectedVersion: 1 });
    expect(stale.status).toBe(409);
  });
});

function numbersOf(answer: { records: any[] }) {
  return answer.records.map((r) => r.recordId);
}
async function list(query: string, by = 'dept-market') {
  const answer = await call('GET', `/records${query}`, 'department', by);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { records: any[]; nextToken?: string };
}
