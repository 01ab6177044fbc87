import { createHash } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, addMonthsClamped, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { PdfFonts, missingCharacterSign } from '../../shared/pdf/pdf-fonts.ts';
import { reportSections } from '../../shared/credit-report/report-sections.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { maskResidentId } from '../../shared/privacy/resident-id-mask.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

// Issue 8 part 3: GET /subjects/{id}/report.pdf and GET /public/report-verifications/{code}.
// The handlers' INFO lines (a refusal each) would bury the test output; warnings and errors still show.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});
const county = loadCounty('jiaxian');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const company = uscc('MA45REP01');
const otherCompany = uscc('MA45REP02');
const unknownCompany = uscc('MA45REP03');
const bank = uscc('MA7BNK6Y2');
const personFirst17 = `${county.divisionCode}19880808123`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
// 赜 and 堉 are not in the font's common-hanzi cut: they come from its fallback cuts.
const companyName = '郏县赜堉建材商贸有限公司';
const personName = '赵报告';
const authority = { name: '郏县市场监督管理局', uscc: uscc('MB0000001') };

let platform: LocalPlatform;
let today: string;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);

/** A report as received: status, the PDF's bytes and text, its verification code header, or the JSON error. */
async function getReport(subjectId: string, role: Role, orgId: string, consentId?: string) {
  const response = await fetch(`${platform.apiUrl}/subjects/${subjectId}/report.pdf${consentId ? `?consentId=${consentId}` : ''}`, {
    headers: { authorization: `Bearer ${await platform.token(role, orgId)}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status, error: JSON.parse(bytes.toString('utf8')).error as { code: string }, bytes, text: '', code: '', headers: response.headers };
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return { status: 200, bytes, text, code: response.headers.get('x-report-verification-code')!, headers: response.headers, pages: pdf.numPages };
}
/** Extracted text without the spaces and line breaks the extractor puts between runs and lines. */
const compact = (text: string) => text.replace(/\s+/g, '');

const common = (decisionNumber: string, name = companyName) => ({
  subject: { name, category: 'legalPerson', uscc: company },
  decisionNumber,
  decisionDate: addDays(today, -5),
  authority,
  sourceDepartment: '郏县市场监督管理局',
});
/** The company's records: two licences, a penalty, a black list, a commitment and its breach, a reward, a judgment and a dishonest-debtor entry, an enforcement; and a licence whose publicity ended. */
const companyRecords = () => [
  { ...common('郏市监许〔2026〕1号'), kind: 'licence', licenceDocumentName: '食品经营许可决定书', licenceCategory: '普通', licenceContent: '预包装食品销售', validFrom: addDays(today, -5), validTo: addMonthsClamped(today, 24) },
  { ...common('郏市监许〔2026〕2号'), kind: 'licence', licenceDocumentName: '营业执照', licenceCategory: '登记', licenceContent: '建材销售', validFrom: addDays(today, -5) },
  { ...common('郏市监许〔2025〕9号'), decisionDate: addDays(today, -400), kind: 'licence', licenceDocumentName: '临时许可', licenceCategory: '普通', licenceContent: '临时占道经营', validFrom: addDays(today, -400), validTo: addDays(today, -30) },
  { ...common('郏市监罚〔2026〕1号'), kind: 'penalty', violationType: '虚假宣传', facts: '宣传与实际不符', legalBasis: '《反不正当竞争法》第二十条', penaltyCategories: ['fine'], penaltyContent: '罚款人民币一万元', fineAmountYuan: 10000 },
  { ...common('郏税黑〔2026〕1号'), kind: 'blackList', listName: 'major-tax-violation', listingBasis: '偷税数额较大', listedUntil: addMonthsClamped(today, 36) },
  { ...common('郏承诺〔2026〕1号'), kind: 'commitment', commitmentType: '告知承诺', content: '承诺申报材料真实有效' },
  { ...common('郏违诺〔2026〕1号'), kind: 'commitmentBreach', breachFacts: '未按承诺期限补齐材料', content: '撤销审批决定' },
  { ...common('郏奖〔2026〕1号'), kind: 'reward', content: '守合同重信用企业' },
  { ...common('（2026）豫0425民初1号'), kind: 'judgment', court: '郏县人民法院', caseNumber: '（2026）豫0425民初1号', content: '判决支付货款' },
  { ...common('（2026）豫0425执1号'), kind: 'dishonestDebtor', court: '郏县人民法院', caseNumber: '（2026）豫0425执1号', obligation: '支付货款十万元', performanceStatus: 'unperformed' },
  { ...common('郏城管强〔2026〕1号'), kind: 'enforcement', content: '查封违法建设施工现场' },
];
const expectedCounts = { 行政许可: 2, 行政处罚: 1, 严重失信主体名单: 1, 信用承诺及履约情况: 2, '守信激励（红名单及荣誉）': 1, 司法判决及执行: 2, 其他: 1 } as const;

beforeAll(async () => {
  platform = await startTestPlatform(county, 'credit-report-it');
  today = localDate(platform.clock.now(), county.timeZone);
  expect((await call('POST', '/departments', 'creditOffice', 'credit-office', { orgId: 'dept-market', name: '郏县市场监督管理局' })).status).toBe(201);
  const pushed = await call('POST', '/records', 'department', 'dept-market', { records: companyRecords() });
  expect(pushed.body.counts, JSON.stringify(pushed.body.results.filter((r: { status: string }) => r.status === 'invalid'))).toEqual({ created: 11, existing: 0, conflict: 0, invalid: 0 });
  const others = [
    { ...common('郏市监罚〔2026〕2号', '郏县另一商贸有限公司'), subject: { name: '郏县另一商贸有限公司', category: 'legalPerson', uscc: otherCompany }, kind: 'reward', content: '纳税信用A级' },
    {
      ...common('郏市监罚〔2026〕3号', personName),
      subject: { name: personName, category: 'naturalPerson', residentId: person },
      kind: 'penalty',
      violationType: '无照经营',
      facts: '无照经营',
      legalBasis: '《无证无照经营查处办法》第十三条',
      // A fine above the county's minor amount for a person: published (a warning would be withheld under order 36).
      penaltyCategories: ['fine'],
      penaltyContent: '罚款人民币一千元',
      fineAmountYuan: 1000,
    },
  ];
  expect((await call('POST', '/records', 'department', 'dept-market', { records: others })).body.counts.created).toBe(2);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('GET /subjects/{subjectId}/report.pdf', () => {
  let report: Awaited<ReturnType<typeof getReport>>;
  beforeAll(async () => {
    report = await getReport(company, 'subject', company);
  });

  it('is a PDF in Chinese: the subject, its code, the date, the flags and every section heading with its count', () => {
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('application/pdf');
    expect(report.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('公共信用信息报告')}`);
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = compact(report.text);
    expect(text).toContain('公共信用信息报告');
    expect(text).toContain(companyName);
    expect(text).toContain(company);
    expect(text).toContain(today);
    // A black list and a dishonest-debtor entry: a punishment object; the clean-history incentive cannot apply beside them.
    expect(text).toMatch(/失信惩戒对象是（依据：[^）]*重大税收违法案件当事人名单/);
    expect(text).toContain('守信激励对象否');
    for (const [index, section] of reportSections.entries()) {
      const count = expectedCounts[section.heading];
      expect(text, section.heading).toContain(`${'一二三四五六七'[index]}、${section.heading}（共${count}条）`);
    }
  });

  it('shows each record in its section, and none whose publicity ended', () => {
    const text = compact(report.text);
    for (const n of ['郏市监许〔2026〕1号', '郏市监罚〔2026〕1号', '郏税黑〔2026〕1号', '郏违诺〔2026〕1号', '（2026）豫0425执1号', '郏城管强〔2026〕1号']) expect(text).toContain(n);
    expect(text).toContain('预包装食品销售');
    expect(text).not.toContain('郏市监许〔2025〕9号');
    // A record in its section: after its heading, before the next one.
    expect(text.indexOf('郏税黑〔2026〕1号')).toBeGreaterThan(text.indexOf('三、严重失信主体名单（共1条）'));
    expect(text.indexOf('郏税黑〔2026〕1号')).toBeLessThan(text.indexOf('四、信用承诺及履约情况（共2条）'));
  });

  it('draws every character from a font that has it: no missing glyph, no substitute sign', () => {
    const fonts = new PdfFonts();
    const drawn = [...reportSections.map((s) => s.heading), '公共信用信息报告', '守信激励对象', '失信惩戒对象', '报告验证码', companyName].join('');
    expect(fonts.missing(drawn)).toEqual([]);
    expect(fonts.missing(report.text)).toEqual([]);
    expect(report.text).not.toContain(missingCharacterSign);
    // The two rare characters come from fallback cuts, and are extracted as themselves.
    expect(fonts.fontFor('赜')).not.toBe(fonts.primary);
    expect(compact(report.text)).toContain(companyName);
  });

  it('prints the verification code and where to check it in every page footer', () => {
    expect(report.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const text = compact(report.text);
    expect(text.split(`报告验证码：${report.code}核验地址：/public/report-verifications/${report.code}`).length - 1).toBe(report.pages);
    expect(text).toContain(`第1页/共${report.pages}页`);
  });

  it('is verified by its code on the public route: what it said, and the SHA-256 of the bytes received', async () => {
    const verification = await fetch(`${platform.apiUrl}/public/report-verifications/${report.code}`);
    expect(verification.status).toBe(200);
    const body = (await verification.json()) as any;
    expect(body).toMatchObject({
      code: report.code,
      genuine: true,
      subject: { name: companyName, id: company, type: 'uscc' },
      generatedOn: today,
      flags: { incentiveObject: false, punishmentObject: true },
      sha256: createHash('sha256').update(report.bytes).digest('hex'),
      bytes: report.bytes.length,
      pages: report.pages,
    });
    expect(Object.fromEntries(body.sections.map((s: { heading: string; count: number }) => [s.heading, s.count]))).toEqual(expectedCounts);
    expect(JSON.stringify(body)).not.toContain('requestedBy');
    // Typed as people type it: lower case, without hyphens.
    expect((await fetch(`${platform.apiUrl}/public/report-verifications/${report.code.replaceAll('-', '').toLowerCase()}`)).status).toBe(200);
  });

  it('answers 404 to a made-up code and 400 to something that cannot be one', async () => {
    const madeUp = await fetch(`${platform.apiUrl}/public/report-verifications/7K3M-Q9XD-2B8F-WT4N`);
    expect(madeUp.status).toBe(404);
    expect(((await madeUp.json()) as any).error.code).toBe('NOT_FOUND');
    const bad = await fetch(`${platform.apiUrl}/public/report-verifications/not-a-code`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.field).toBe('path.code');
  });

  it('each report gets its own code', async () => {
    const again = await getReport(company, 'subject', company);
    expect(again.status).toBe(200);
    expect(again.code).not.toBe(report.code);
  });
});

describe('who may have a report', () => {
  const grant = async (scope: Record<string, unknown>, subject = company) =>
    (await call('POST', '/consents', 'subject', subject, { grantee: bank, purpose: { category: 'loan', text: '流动资金贷款授信审查' }, scope, expiresOn: addMonthsClamped(today, 6) })).body.consentId as string;
  const looksAt = async (subject: string) => (await call('GET', '/me/checks?limit=200', 'subject', subject)).body.checks as any[];

  it('the credit office: 200; another subject: 403; a department or agency: 403 (not in the declaration)', async () => {
    expect((await getReport(company, 'creditOffice', 'credit-office')).status).toBe(200);
    const other = await getReport(company, 'subject', otherCompany);
    expect([other.status, other.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await getReport(company, 'department', 'dept-market')).status).toBe(403);
    expect((await getReport(company, 'agency', 'agency-xinyuan')).status).toBe(403);
  });

  it('an institution without a consent: 403 CONSENT_REQUIRED, and the attempt is in the subject’s who-looked-at-me', async () => {
    const none = await getReport(company, 'institution', bank);
    expect([none.status, none.error?.code]).toEqual([403, 'CONSENT_REQUIRED']);
    const foreign = await getReport(company, 'institution', bank, await grant({ records: true, reports: false }, otherCompany));
    expect([foreign.status, foreign.error?.code]).toEqual([403, 'CONSENT_REQUIRED']);
    const refused = (await looksAt(company)).filter((l) => l.by.orgId === bank && l.refused);
    expect(refused.map((l) => l.refused.code)).toEqual(['CONSENT_REQUIRED', 'CONSENT_REQUIRED']);
    expect(refused[0].matter.typeName).toBe('公共信用信息报告');
  });

  it('an institution with a live consent covering records: 200, logged with the records it showed and the code', async () => {
    const consentId = await grant({ records: true, reports: true });
    const allowed = await getReport(company, 'institution', bank, consentId);
    expect(allowed.status).toBe(200);
    expect(compact(allowed.text)).toContain(companyName);
    const look = (await looksAt(company)).find((l) => l.by.orgId === bank && !l.refused);
    expect(look).toMatchObject({ kind: 'query', matter: { typeName: '公共信用信息报告（贷款融资）', reference: consentId, name: `公共信用信息报告 ${allowed.code}` } });
    expect(look.records).toHaveLength(10);
  });

  it('a consent for some kinds only (a report shows every section): 403 OUT_OF_SCOPE; a revoked one: 403 CONSENT_REVOKED', async () => {
    const penaltiesOnly = await getReport(company, 'institution', bank, await grant({ records: true, reports: false, kinds: ['penalty'] }));
    expect([penaltiesOnly.status, penaltiesOnly.error?.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const reportsOnly = await getReport(company, 'institution', bank, await grant({ records: false, reports: true }));
    expect([reportsOnly.status, reportsOnly.error?.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const revokedId = await grant({ records: true, reports: false });
    expect((await call('DELETE', `/consents/${revokedId}`, 'subject', company)).status).toBe(200);
    const revoked = await getReport(company, 'institution', bank, revokedId);
    expect([revoked.status, revoked.error?.code]).toEqual([403, 'CONSENT_REVOKED']);
  });

  it('a subject the platform holds nothing about: 404', async () => {
    expect((await getReport(unknownCompany, 'creditOffice', 'credit-office')).status).toBe(404);
  });

  it("a person's report: the ID number whole for the person and the credit office, masked for an institution and in the verification", async () => {
    const own = await getReport(person, 'subject', person);
    expect(own.status).toBe(200);
    expect(compact(own.text)).toContain(personName);
    expect(compact(own.text)).toContain(`公民身份号码${person}`);
    expect(compact((await getReport(person, 'creditOffice', 'credit-office')).text)).toContain(person);

    const consentId = await grant({ records: true, reports: false }, person);
    const bankCopy = await getReport(person, 'institution', bank, consentId);
    expect(bankCopy.status).toBe(200);
    expect(compact(bankCopy.text)).toContain(`公民身份号码${maskResidentId(person)}`);
    expect(compact(bankCopy.text)).not.toContain(person);
    expect(compact(bankCopy.text)).toContain('二、行政处罚（共1条）');

    const verification = (await (await fetch(`${platform.apiUrl}/public/report-verifications/${own.code}`)).json()) as any;
    expect(verification.subject).toEqual({ name: personName, id: maskResidentId(person), type: 'residentId' });
    expect(JSON.stringify(verification)).not.toContain(person);
  });
});
