/**
 * The county's website on the local runtime: the static files at the API's origin (index.html with the
 * county's site name, config.json, the bundle), the dev sign-in, and the public routes the site reads
 * (search by code and by name, one record, the red and black lists): public records only, IDs and
 * persons' names masked, the publicity end date shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { normaliseName, shortName } from '../../shared/subjects/subject-names.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const today = testDate;
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const personId = (() => {
  const first17 = `${county.divisionCode}19900101001`;
  return first17 + residentIdCheckDigit(first17);
})();

const company = { code: uscc('MAPUB0001'), name: '郏县公示建材有限公司' };
const listed = { code: uscc('MAPUB0002'), name: '郏县（示例）名单商贸有限公司' };
const authority = { name: '郏县市场监督管理局', uscc: uscc('MAPUB0009') };

let platform: LocalPlatform;
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const anonymous = (path: string) => call('GET', path);

const common = (subject: { code: string; name: string }, number: string, daysAgo: number) => ({
  subject: { name: subject.name, category: 'legalPerson', uscc: subject.code, legalRepresentative: '赵公示' },
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '郏县市场监督管理局',
  remarks: '内部备注 INTERNAL-REMARK',
});
const penalty = (subject: { code: string; name: string }, number: string, daysAgo = 10) => ({
  kind: 'penalty',
  ...common(subject, number, daysAgo),
  violationType: '销售不合格产品',
  facts: '抽检不合格',
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
});

async function push(by: string, record: object): Promise<string> {
  const answer = await call('POST', '/records', 'department', by, record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId as string;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  platform = await startTestPlatform(county, 'public-site-it');
  ids.penalty = await push('dept-market', penalty(company, '郏市监罚〔2026〕P1号'));
  // A licence that ended ten days ago: out of publicity.
  ids.ended = await push('dept-market', {
    kind: 'licence',
    ...common(company, '郏市监许〔2025〕P2号', 400),
    licenceDocumentName: '食品经营许可决定书',
    licenceCategory: '普通',
    licenceContent: '预包装食品销售',
    validFrom: addDays(today, -400),
    validTo: addDays(today, -10),
  });
  ids.revoked = await push('dept-market', penalty(company, '郏市监罚〔2026〕P3号', 5));
  ids.red = await push('dept-tax', { kind: 'redList', ...common(company, '郏税红〔2026〕P4号', 30), listName: 'honest-taxpayer-a', listingBasis: '纳税信用A级', listedUntil: addDays(today, 300) });
  ids.black = await push('dept-tax', { kind: 'blackList', ...common(listed, '郏税黑〔2026〕P5号', 20), listName: 'major-tax-violation', listingBasis: '重大税收违法失信案件当事人名单', listedUntil: addDays(today, 700) });
  ids.blackEnded = await push('dept-tax', { kind: 'blackList', ...common(listed, '郏税黑〔2024〕P6号', 800), listName: 'major-tax-violation', listingBasis: '重大税收违法失信案件当事人名单', listedUntil: addDays(today, -1) });
  ids.person = await push('dept-market', { ...penalty({ code: '', name: '' }, '郏市监罚〔2026〕P7号'), subject: { name: '李公示', category: 'naturalPerson', residentId: personId } });

  // Revoked through the real path: an objection the provider answers `revoked`.
  const raised = await call('POST', '/objections', 'subject', company.code, { recordId: ids.revoked, reason: '处罚对象错误' });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  const caseId = raised.body.case.caseId as string;
  await until('the provider to be asked', async () => ((await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.state === 'verifying' ? true : undefined));
  await until('the answer to be taken', async () => {
    const answer = await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', { outcome: 'revoked', reasoning: '主体认定错误，予以撤销' });
    return answer.status === 202 || answer.status === 409 ? true : undefined;
  });
  await until('the case to close', async () => ((await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.state === 'closed' ? true : undefined), 30_000);
}, 120_000);
afterAll(() => platform?.stop());

describe('the website on the local runtime', () => {
  it('serves index.html at / with the county’s site name in <title>, and the same at /index.html', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${platform.apiUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await response.text();
      expect(html).toContain(`<title>${county.siteName}</title>`);
      expect(html).not.toContain('{{');
      expect(html).toContain('src="assets/app.js"');
      expect(html).toContain('href="assets/app.css"');
    }
  });

  it('serves config.json: the API at the same origin, the local sign-in', async () => {
    const response = await fetch(`${platform.apiUrl}/config.json`);
    expect(response.status).toBe(200);
    const config = (await response.json()) as any;
    expect(config).toMatchObject({ apiUrl: platform.apiUrl, siteName: county.siteName, countyName: county.name, login: { mode: 'local', tokenUrl: '/_local/token' } });
  });

  it('serves the bundle, built from web/src, with the pages’ test ids; nothing outside assets/', async () => {
    const js = await fetch(`${platform.apiUrl}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const bundle = await js.text();
    for (const testid of ['search-kind', 'record-publicity-end', 'list-row', 'verify-code', 'login-org', 'check-measure-suspended', 'upload-progress', 'objection-submit', 'compliance-row']) {
      expect(bundle, testid).toContain(testid);
    }
    expect(bundle).toContain('公示截止日期');
    const css = await fetch(`${platform.apiUrl}/assets/app.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await fetch(`${platform.apiUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${platform.apiUrl}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('signs a dev token for the sign-in page (local only), which the API accepts', async () => {
    const response = await fetch(`${platform.apiUrl}/_local/token`, { method: 'POST', body: JSON.stringify({ role: 'agency', orgId: 'agency-xinyuan' }) });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const me = await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ role: 'agency', orgId: 'agency-xinyuan' });
    const refused = await fetch(`${platform.apiUrl}/_local/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', orgId: 'x' }) });
    expect(refused.status).toBe(400);
  });

  it('leaves the API’s own routes alone', async () => {
    expect((await anonymous('/public/county')).body).toMatchObject({ siteName: county.siteName });
    expect((await fetch(`${platform.apiUrl}/me`)).status).toBe(401);
  });
});

describe('GET /public/records/{id}', () => {
  it('shows a public record’s public fields and its publicity end date', async () => {
    const answer = await anonymous(`/public/records/${ids.penalty}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      recordId: ids.penalty,
      kind: 'penalty',
      kindLabel: '行政处罚',
      status: 'active',
      subject: { id: company.code, type: 'uscc', name: company.name, legalRepresentative: '赵公示' },
      decisionNumber: '郏市监罚〔2026〕P1号',
      authority,
      content: { violationType: '销售不合格产品', penaltyContent: '罚款人民币一万元', penaltyCategoryLabels: ['罚款'] },
    });
    expect(answer.body.publicity.publicUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(answer.body.publicity.publicUntil > today).toBe(true);
    // Not for the public: remarks, who pushed it, its deadline, internal ids.
    const text = JSON.stringify(answer.body);
    for (const hidden of ['INTERNAL-REMARK', 'dept-market', 'providerOrgId', 'publication', 'receivedAt', 'bodyHash']) expect(text).not.toContain(hidden);
  });

  it('is 404 for a record out of publicity, revoked, or unknown', async () => {
    for (const id of [ids.ended, ids.revoked, 'rec_0000000000000000000000']) {
      const answer = await anonymous(`/public/records/${id}`);
      expect(answer.status, id).toBe(404);
      expect(answer.body.error.code).toBe('NOT_FOUND');
    }
    // The provider still sees both (not a lost record: only not public).
    expect((await call('GET', `/records/${ids.ended}`, 'department', 'dept-market')).status).toBe(200);
  });

  it('masks a person’s ID number and name', async () => {
    const answer = await anonymous(`/public/records/${ids.person}`);
    expect(answer.status).toBe(200);
    expect(answer.body.subject).toEqual({ id: `${personId.slice(0, 6)}********${personId.slice(-4)}`, type: 'residentId', category: 'naturalPerson', name: '李**' });
    expect(JSON.stringify(answer.body)).not.toContain(personId);
    expect(JSON.stringify(answer.body)).not.toContain('李公示');
  });
});

describe('GET /public/records?q=', () => {
  it('finds a subject by its code: public records only, newest decision first', async () => {
    const answer = await anonymous(`/public/records?q=${company.code}`);
    expect(answer.status).toBe(200);
    expect(answer.body.match).toBe('code');
    expect(answer.body.subjects).toHaveLength(1);
    const [found] = answer.body.subjects;
    expect(found.subject).toEqual({ id: company.code, type: 'uscc', name: company.name });
    expect(found.records.map((r: any) => r.recordId)).toEqual([ids.penalty, ids.red]);
  });

  it('filters by kind (dual publicity: licence, penalty)', async () => {
    const answer = await anonymous(`/public/records?q=${company.code}&kind=penalty`);
    expect(answer.body.subjects[0].records.map((r: any) => r.recordId)).toEqual([ids.penalty]);
    expect((await anonymous(`/public/records?q=${company.code}&kind=licence`)).body.subjects).toEqual([]);
  });

  it('finds organisations by the beginning of their name, with or without the place name, in any width and punctuation', async () => {
    for (const q of ['郏县公示', '公示建材', '郏县 公示建材有限', '（示例）名单', '示例名单商贸', 'ＭＡ']) {
      const answer = await anonymous(`/public/records?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      const names = answer.body.subjects.map((s: any) => s.subject.name);
      if (q === 'ＭＡ') expect(names, q).toEqual([]);
      else expect(names, q).toEqual([q.includes('名单') ? listed.name : company.name]);
    }
    const both = await anonymous(`/public/records?q=${encodeURIComponent('郏县')}`);
    expect(both.body.subjects.map((s: any) => s.subject.name).sort()).toEqual([listed.name, company.name].sort());
  });

  it('finds a person only by the whole ID number, masked in the answer; never by name', async () => {
    const answer = await anonymous(`/public/records?q=${personId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.subjects).toHaveLength(1);
    expect(answer.body.subjects[0].subject).toEqual({ id: `${personId.slice(0, 6)}********${personId.slice(-4)}`, type: 'residentId', name: '李**' });
    expect(JSON.stringify(answer.body)).not.toContain(personId);
    expect((await anonymous(`/public/records?q=${encodeURIComponent('李公示')}`)).body.subjects).toEqual([]);
  });

  it('answers nothing for a subject with no public record, and refuses an empty query', async () => {
    expect((await anonymous(`/public/records?q=${uscc('MAPUB0003')}`)).body.subjects).toEqual([]);
    const empty = await anonymous('/public/records?q=%20');
    expect([empty.status, empty.body.error.field]).toEqual([400, 'query.q']);
    const punctuation = await anonymous(`/public/records?q=${encodeURIComponent('（）')}`);
    expect([punctuation.status, punctuation.body.error.field]).toEqual([400, 'query.q']);
  });
});

describe('GET /public/lists', () => {
  it('lists the black list in force and public; an ended entry is not there', async () => {
    const answer = await anonymous('/public/lists?list=black');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ list: 'black', kind: 'blackList', asOf: today });
    expect(answer.body.records.map((r: any) => r.recordId)).toEqual([ids.black]);
    expect(answer.body.records[0]).toMatchObject({ subject: { name: listed.name }, content: { listName: 'major-tax-violation', listLabel: '重大税收违法案件当事人名单' }, publicity: { publicUntil: addDays(today, 700) } });
  });

  it('lists the red list', async () => {
    const answer = await anonymous('/public/lists?list=red');
    expect(answer.body.records.map((r: any) => r.recordId)).toEqual([ids.red]);
  });

  it('pages with nextToken and refuses an unknown list', async () => {
    await push('dept-tax', { kind: 'blackList', ...common(company, '郏税黑〔2026〕P8号', 3), listName: 'serious-dishonesty', listingBasis: '严重失信主体名单', listedUntil: addDays(today, 100) });
    const first = await anonymous('/public/lists?list=black&limit=1');
    expect(first.body.records).toHaveLength(1);
    expect(first.body.nextToken).toBeDefined();
    const second = await anonymous(`/public/lists?list=black&limit=1&nextToken=${first.body.nextToken}`);
    expect([...first.body.records, ...second.body.records].map((r: any) => r.decisionNumber)).toEqual(['郏税黑〔2026〕P8号', '郏税黑〔2026〕P5号']);
    expect((await anonymous('/public/lists?list=grey')).status).toBe(400);
  });
});

describe('subject names as searched', () => {
  it('normalises width, case, spaces and punctuation, and drops leading place names', () => {
    expect(normaliseName(' 郏县（示例）名单 商贸有限公司 ')).toBe('郏县示例名单商贸有限公司');
    expect(normaliseName('ＡＢＣ-建材')).toBe('abc建材');
    expect(shortName('郏县诚信建筑工程有限公司')).toBe('诚信建筑工程有限公司');
    expect(shortName('河南省平顶山市郏县诚信建筑工程有限公司')).toBe('诚信建筑工程有限公司');
    expect(shortName('张示范')).toBeUndefined();
    expect(shortName('郏县')).toBeUndefined();
  });
});
