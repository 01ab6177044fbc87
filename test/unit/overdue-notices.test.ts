import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { StoredCase } from '../../shared/cases/case.ts';
import { caseEscalationNotices, caseOverdueNotices } from '../../shared/cases/case-notices.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { personKey } from '../../shared/privacy/personal-ids.ts';
import { noticeDays } from '../../shared/notices/list-notices.ts';
import { noticeItem, type Notice } from '../../shared/notices/publish-notice.ts';
import { monthsBetween } from '../../shared/compliance/overdue/index-reads.ts';
import { latePublicationNotice, publicityEndedNotices, reportExpiredNotices, reportExpiringNotice } from '../../shared/compliance/overdue/overdue-notices.ts';
import { runOverdueScan } from '../../shared/compliance/overdue/overdue-scan.ts';
import type { OverdueSource } from '../../shared/compliance/overdue/overdue-source.ts';
import { maskPersonName } from '../../shared/privacy/person-name-mask.ts';
import { publicityEndsOn } from '../../shared/records/publicity.ts';
import { recordInput } from '../../shared/records/record-input.ts';
import { protectForTest } from '../support/protected-input.ts';
import { buildRecordVersion } from '../../shared/records/stored-record.ts';
import type { StoredReport } from '../../shared/reports/report-rules.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const county = loadCounty('jiaxian');
const calendar = workingDayCalendar(county.calendar);
const person = '41042519850312123' + residentIdCheckDigit('41042519850312123');
const company = (n: number) => {
  const first17 = `91410425MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const authority = { name: '郏县市场监督管理局', uscc: company(99) };

const penalty = (decisionNumber: string, decisionDate: string, subject: object, extra: object = {}) =>
  recordInput.parse({
    kind: 'penalty',
    subject,
    decisionNumber,
    decisionDate,
    authority,
    sourceDepartment: '郏县市场监督管理局',
    violationType: '无照经营',
    facts: `当事人（身份证号 ${person}）无照经营`,
    legalBasis: '《无证无照经营查处办法》第十三条',
    penaltyCategories: ['warning'],
    penaltyContent: '警告',
    ...extra,
  });
const stored = async (input: ReturnType<typeof penalty>, receivedOn: string) =>
  buildRecordVersion({ input: await protectForTest(input), providerOrgId: 'dept-market', receivedAt: new Date(`${receivedOn}T02:00:00Z`), receivedOn, county, calendar, version: 1 });

const personSubject = { name: '张示范', category: 'naturalPerson', residentId: person };
const companySubject = { name: '郏县测试商贸有限公司', category: 'legalPerson', uscc: company(1) };

// Decided Mon 2026-11-02: 7 working days → Wed 2026-11-11; received Mon 2026-11-23 (8 working days late).
// General penalties (a fine above the county's minor amount): published, so a late one is named publicly.
const general = { penaltyCategories: ['fine'], penaltyContent: '罚款一万元', fineAmountYuan: 10_000 };
const late = [
  await stored(penalty('郏市监罚〔2026〕41号', '2026-11-02', personSubject, general), '2026-11-23'),
  await stored(penalty('郏市监罚〔2026〕42号', '2026-11-02', companySubject, general), '2026-11-23'),
];
// A warning decided under order 36 is minor: not published (不予公示), so a notice counts it and never names it.
const lateWithheld = await stored(penalty('郏市监罚〔2026〕43号', '2026-11-02', companySubject), '2026-11-23');

const report = (subjectId: string, subjectType: 'uscc' | 'residentId', validUntil: string): StoredReport => ({
  reportId: 'rpt_AAAAAAAAAAAAAAAAAAAAAA',
  subjectId,
  subjectType,
  agencyId: 'agency-xinyuan',
  agencyName: '信源信用评估有限公司',
  reportNumber: 'XY-2025-0042',
  reportType: 'comprehensive',
  issueDate: '2025-12-20',
  validUntil,
  rating: 'A',
  sha256: 'x',
  sizeBytes: 1,
  objectKey: 'k',
  status: 'valid',
  acceptedAt: '2025-12-20T02:00:00Z',
});

const noResidentId = (notice: Notice) => {
  expect(JSON.stringify(notice), notice.kind).not.toContain(person);
  expect(JSON.stringify(notice), notice.kind).not.toMatch(/\d{17}[\dX]/);
};

describe('the late-publication notice', () => {
  const notice = latePublicationNotice({ providerOrgId: 'dept-market', receivedOn: '2026-11-23', records: late, county, today: '2026-11-24' });

  it('names the department, each record with its decision date, deadline and receipt day, and the 7-working-day rule', () => {
    expect(late.every((r) => r.publication?.late)).toBe(true);
    expect(notice).toMatchObject({ kind: 'late-publication', about: 'dept-market#2026-11-23', addressee: 'dept-market', public: true, date: '2026-11-24' });
    expect(notice.title).toContain('郏县市场监督管理局');
    for (const fact of ['郏县市场监督管理局（dept-market）', '郏市监罚〔2026〕41号', '郏市监罚〔2026〕42号', '决定日期 2026-11-02', '公示期限 2026-11-11', '2026-11-23 报送', '7个工作日', '郏信用办〔2021〕2号'])
      expect(notice.text).toContain(fact);
  });

  it('carries no resident ID number and no subject of the records', () => {
    noResidentId(notice);
    expect(notice.text).not.toContain('张示范');
  });

  it('counts a record withheld from publication (不予公示) without naming it', () => {
    expect(lateWithheld.withheld).toMatchObject({ reason: 'minorDishonesty' });
    const withWithheld = latePublicationNotice({ providerOrgId: 'dept-market', receivedOn: '2026-11-23', records: [...late, lateWithheld], county, today: '2026-11-24' });
    expect(withWithheld.text).toContain('郏市监罚〔2026〕41号');
    expect(withWithheld.text).not.toContain('郏市监罚〔2026〕43号');
    expect(withWithheld.text).toContain('另有不予公示的信息 1 条');
    const onlyWithheld = latePublicationNotice({ providerOrgId: 'dept-market', receivedOn: '2026-11-23', records: [lateWithheld], county, today: '2026-11-24' });
    expect(onlyWithheld.text).not.toContain('郏市监罚〔2026〕43号');
    expect(onlyWithheld.text).toContain('以下 1 条');
    expect(onlyWithheld.text).toContain('另有不予公示的信息 1 条');
  });
});

const ended = [
  await stored(penalty('郏市监罚〔2026〕51号', '2026-11-02', personSubject, { publicityPeriodEnd: '2026-12-25' }), '2026-11-03'),
  await stored(penalty('郏市监罚〔2026〕52号', '2026-11-02', companySubject, { publicityPeriodEnd: '2026-12-25' }), '2026-11-03'),
];

describe('the publicity-ended notices', () => {
  const endsOn = publicityEndsOn(ended[0]!.publicity)!;
  const notices = publicityEndedNotices({ providerOrgId: 'dept-market', endsOn, records: ended, today: '2026-12-26' });

  it('are due the day after the last public day, per department and day, to the department and the credit office, not public', () => {
    expect(endsOn).toBe('2026-12-26');
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'publicity-ended', about: 'dept-market#2026-12-26', addressee: 'dept-market' }),
      expect.objectContaining({ kind: 'publicity-ended', about: 'creditOffice#dept-market#2026-12-26', addressee: 'creditOffice' }),
    ]);
    expect(notices.filter((n) => n.public)).toEqual([]);
  });

  it('name each record by decision number and subject, a person by masked name, with the period and its rule', () => {
    for (const notice of notices) {
      for (const fact of ['郏县市场监督管理局（dept-market）', '郏市监罚〔2026〕51号', '张**（自然人）', '郏县测试商贸有限公司', '2026-12-25', '自 2026-12-26 起不再公开公示'])
        expect(notice.text).toContain(fact);
      expect(notice.text).toContain(ended[0]!.publicity.ruleSource!);
      expect(notice.text).not.toContain('张示范');
      noResidentId(notice);
    }
  });
});

describe('report notices', () => {
  it('warn the agency of a report about to expire (not public), naming the report, the deadline and the rule', () => {
    const notice = reportExpiringNotice({ report: report(company(1), 'uscc', '2026-12-21'), county, today: '2026-12-01' });
    expect(notice).toMatchObject({ kind: 'report-expiring', about: 'agency-xinyuan#rpt_AAAAAAAAAAAAAAAAAAAAAA', addressee: 'agency-xinyuan' });
    expect(notice.public).toBeFalsy();
    for (const fact of ['信源信用评估有限公司（agency-xinyuan）', 'XY-2025-0042', company(1), '2026-12-21', '12 个月']) expect(notice.text).toContain(fact);
  });

  it('publish an expired report without its number or subject; tell the agency which (a person known by the masked ID number only)', () => {
    const notices = reportExpiredNotices({ report: report(person, 'residentId', '2026-12-21'), county, today: '2026-12-23' });
    const [shown, ...addressed] = notices;
    expect(shown).toMatchObject({ kind: 'report-expired', addressee: 'agency-xinyuan', public: true });
    expect(shown!.text).toContain('自 2026-12-22 起失效');
    expect(shown!.text).not.toContain('410425********');
    expect(shown!.text).not.toContain('XY-2025-0042');
    // A report stored before sealing (no masked number, no person key): its subject cannot be addressed.
    expect(addressed).toEqual([expect.objectContaining({ addressee: 'agency-xinyuan', text: expect.stringContaining('410425********') })]);
    expect(addressed[0]!.public).toBeFalsy();
    for (const notice of notices) noResidentId(notice);
  });
});

describe('stored notices', () => {
  const base: Notice = { kind: 'k', about: 'a', addressee: 'dept-market', title: 't', text: `号码 ${person}`, date: '2026-12-26' };
  const now = new Date('2026-12-25T23:00:00Z');

  it('are indexed by day and addressee; public ones also in the public list', () => {
    const privateItem = noticeItem(base, now);
    expect(privateItem).toMatchObject({ gsi1pk: 'NOTICES#2026-12-26', gsi2pk: 'ADDRESSEE#dept-market', public: false });
    expect(privateItem).not.toHaveProperty('gsi3pk');
    expect(noticeItem({ ...base, public: true }, now)).toMatchObject({ gsi3pk: 'NOTICES#PUBLIC', gsi3sk: expect.stringMatching(/^2026-12-26#/), public: true });
  });

  it('never hold a resident ID number: the text is masked; a person is indexed by its person key', async () => {
    const key = await personKey(person);
    const item = noticeItem({ ...base, addressee: '410425********1237', addresseeKey: key }, now);
    expect(JSON.stringify(item)).not.toContain(person);
    expect(item.gsi2pk).toBe(`ADDRESSEE#${key}`);
    expect(item).not.toHaveProperty('addresseeKey');
  });
});

describe('listing days', () => {
  it('take one date, or from and to (30 days up to today by default), at most a quarter', () => {
    expect(noticeDays({ date: '2026-12-26' }, '2026-12-30')).toEqual({ from: '2026-12-26', to: '2026-12-26' });
    expect(noticeDays({}, '2026-12-30')).toEqual({ from: '2026-11-30', to: '2026-12-30' });
    expect(() => noticeDays({ date: '2026-12-26', from: '2026-12-01' }, '2026-12-30')).toThrow(/not both/);
    expect(() => noticeDays({ from: '2026-12-27', to: '2026-12-26' }, '2026-12-30')).toThrow(/after/);
    expect(() => noticeDays({ from: '2026-01-01', to: '2026-12-26' }, '2026-12-30')).toThrow(/92 days/);
    expect(() => noticeDays({ date: '2026-02-30' }, '2026-12-30')).toThrow(/real date/);
  });

  it('read one or two month partitions for a month of due days', () => {
    expect(monthsBetween('2026-12-20', '2027-01-19')).toEqual(['2026-12', '2027-01']);
    expect(monthsBetween('2026-12-01', '2026-12-31')).toEqual(['2026-12']);
    expect(monthsBetween('2026-11-30', '2027-01-01')).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('the overdue scan runner', () => {
  const context = { county, calendar, today: '2026-12-26', now: new Date('2026-12-25T23:00:00Z') };
  const notice = (about: string): Notice => ({ kind: 'k', about, addressee: 'x', title: 't', text: 't', date: '2026-12-26' });

  it('publishes each notice once, counts per source, and fails as a whole after running every source', async () => {
    const published = new Set<string>();
    const publish = async (n: Notice) => ({ published: !published.has(n.about) && Boolean(published.add(n.about)) });
    const sources: OverdueSource[] = [
      { name: 'one', find: async () => ({ notices: [notice('a'), notice('b')], itemsRead: 3, itemsDue: 2 }) },
      { name: 'two', find: async () => ({ notices: [notice('b')], itemsRead: 1, itemsDue: 1 }) },
    ];
    expect((await runOverdueScan(sources, context, publish)).sources).toEqual([
      { source: 'one', noticesFound: 2, noticesPublished: 2, itemsRead: 3, itemsDue: 2 },
      { source: 'two', noticesFound: 1, noticesPublished: 0, itemsRead: 1, itemsDue: 1 },
    ]);
    const failing: OverdueSource = { name: 'broken', find: async () => Promise.reject(new Error('throttled')) };
    await expect(runOverdueScan([failing, { name: 'three', find: async () => ({ notices: [notice('c')], itemsRead: 1, itemsDue: 1 }) }], context, publish)).rejects.toThrow(
      /broken \(Error: throttled\)/,
    );
    expect(published.has('c')).toBe(true);
  });
});

describe('person names in public text', () => {
  it('keep the family name only', () => {
    expect(maskPersonName('张示范')).toBe('张**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
  });

  it('the case notices past the answer day (overdue, escalation) are not public, and carry no resident ID number', () => {
    const c = { caseId: 'obj_AAAAAAAAAAAAAAAAAAAAAA', caseType: 'objection', decisionNumber: '郏市监罚〔2026〕41号', subjectId: person, subjectType: 'residentId', subjectName: '张示范', providerOrgId: 'dept-market' } as StoredCase;
    for (const notice of [...caseOverdueNotices(c, '2026-12-21', county, '2026-12-22'), ...caseEscalationNotices(c, '2026-12-21', '2026-12-28')]) {
      expect(notice.public).toBeFalsy();
      expect(['creditOffice', 'dept-market']).toContain(notice.addressee);
      noResidentId(notice);
    }
  });
});
