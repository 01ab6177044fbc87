/**
 * What a public notice (通报, listed by GET /public/notices for anyone) may carry, kind by kind, over the
 * pure builders: the department or agency it is about, the rule, the deadline; never a credit code, a
 * resident ID number (whole or masked), a report number, nor the subject or decision of a record that
 * has just left publicity. What the public may not read goes to its addressees instead (the provider,
 * the agency, the subject, the credit office).
 */
import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { StoredCase } from '../../shared/cases/case.ts';
import { caseEscalationNotices, caseOverdueNotices } from '../../shared/cases/case-notices.ts';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { loadCounties, loadCounty } from '../../shared/config/load-counties.ts';
import type { StoredNotice } from '../../shared/notices/notice-store.ts';
import type { Notice } from '../../shared/notices/publish-notice.ts';
import { publicListingRange, publicNotice } from '../../shared/notices/public-notice.ts';
import { latePublicationNotice, publicityEndedNotices, reportExpiredNotices, reportExpiringNotice } from '../../shared/compliance/overdue/overdue-notices.ts';
import { publicityEndsOn } from '../../shared/records/publicity.ts';
import { recordInput } from '../../shared/records/record-input.ts';
import { buildRecordVersion } from '../../shared/records/stored-record.ts';
import type { StoredReport } from '../../shared/reports/report-rules.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { usageListMissingNotice } from '../../shared/usage-lists/usage-list-notices.ts';
import { protectForTest } from '../support/protected-input.ts';

const county = loadCounty('jiaxian');
const calendar = workingDayCalendar(county.calendar);
const person = '41042519850312123' + residentIdCheckDigit('41042519850312123');
const maskedPerson = `${person.slice(0, 6)}********${person.slice(-4)}`;
const company = (n: number) => {
  const first17 = `91410425MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const authority = { name: '郏县市场监督管理局', uscc: company(99) };

const penalty = (decisionNumber: string, subject: object, extra: object = {}) =>
  recordInput.parse({
    kind: 'penalty',
    subject,
    decisionNumber,
    decisionDate: '2026-11-02',
    authority,
    sourceDepartment: '郏县市场监督管理局',
    violationType: '无照经营',
    facts: '无照经营',
    legalBasis: '《无证无照经营查处办法》第十三条',
    penaltyCategories: ['warning'],
    penaltyContent: '警告',
    ...extra,
  });
const stored = async (input: ReturnType<typeof penalty>, receivedOn: string) =>
  buildRecordVersion({ input: await protectForTest(input), providerOrgId: 'dept-market', receivedAt: new Date(`${receivedOn}T02:00:00Z`), receivedOn, county, calendar, version: 1 });

const personSubject = { name: '张示范', category: 'naturalPerson', residentId: person };
const companySubject = { name: '郏县测试商贸有限公司', category: 'legalPerson', uscc: company(1) };

/** Anything shaped like a USCC or a resident ID number (18 characters of digits and capitals). */
const codeLike = /(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/;

/** What no public notice carries, whatever its kind. */
function expectNothingPrivate(notice: Notice, also: string[] = []) {
  const shown = `${notice.title}\n${notice.text}\n${notice.addressee}\n${notice.about}`;
  expect(shown, notice.kind).not.toMatch(codeLike);
  for (const secret of [person, maskedPerson, person.slice(0, 6) + '********', company(1), '张示范', '张**', ...also]) expect(shown, `${notice.kind}: ${secret}`).not.toContain(secret);
}

const publicOnes = (notices: Notice[]) => notices.filter((n) => n.public);
const to = (notices: Notice[], addressee: string) => notices.filter((n) => n.addressee === addressee);

describe('a record leaving publicity', async () => {
  const ended = [
    await stored(penalty('郏市监罚〔2026〕51号', personSubject, { publicityPeriodEnd: '2026-12-25' }), '2026-11-03'),
    await stored(penalty('郏市监罚〔2026〕52号', companySubject, { publicityPeriodEnd: '2026-12-25' }), '2026-11-03'),
  ];
  const endsOn = publicityEndsOn(ended[0]!.publicity)!;
  const notices = publicityEndedNotices({ providerOrgId: 'dept-market', endsOn, records: ended, today: '2026-12-26' });

  it('is not announced in public: its subject and decision are no longer public', () => {
    expect(endsOn).toBe('2026-12-26');
    expect(publicOnes(notices)).toEqual([]);
  });

  it('is told to the providing department and to the credit office, each by its own addressed notice naming the records', () => {
    expect(notices.map((n) => n.addressee).sort()).toEqual(['creditOffice', 'dept-market']);
    expect(new Set(notices.map((n) => `${n.kind}#${n.about}`)).size).toBe(notices.length);
    for (const notice of notices) {
      expect(notice.kind).toBe('publicity-ended');
      for (const fact of ['郏市监罚〔2026〕51号', '郏市监罚〔2026〕52号', '自 2026-12-26 起不再公开公示']) expect(notice.text, notice.addressee).toContain(fact);
      expect(JSON.stringify(notice)).not.toContain(person);
    }
  });
});

const report = (subjectId: string, subjectType: 'uscc' | 'residentId', validUntil: string): StoredReport => ({
  reportId: 'rpt_AAAAAAAAAAAAAAAAAAAAAA',
  subjectId,
  subjectType,
  ...(subjectType === 'residentId' ? { subjectMaskedId: maskedPerson } : {}),
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

describe('an expired report', () => {
  const ofCompany = reportExpiredNotices({ report: report(company(1), 'uscc', '2026-12-21'), county, today: '2026-12-23' });
  // A person's report: its subject key is the person key (a keyed hash), its number only masked beside it.
  const ofPerson = reportExpiredNotices({ report: report('pk_PERSONKEY', 'residentId', '2026-12-21'), county, today: '2026-12-23' });

  it('is announced in public naming the agency, the validity and the rule, but neither the subject nor the report number', () => {
    for (const notices of [ofCompany, ofPerson]) {
      const [shown, ...more] = publicOnes(notices);
      expect(more).toEqual([]);
      expect(shown).toMatchObject({ kind: 'report-expired', addressee: 'agency-xinyuan' });
      for (const fact of ['信源信用评估有限公司', '2026-12-21', '自 2026-12-22 起失效', '12 个月']) expect(shown!.text).toContain(fact);
      expectNothingPrivate(shown!, ['XY-2025-0042', 'pk_PERSONKEY']);
    }
  });

  it('is told in detail to the agency and to the subject, by addressed notices', () => {
    expect(to(ofCompany, 'agency-xinyuan').filter((n) => !n.public)).toEqual([expect.objectContaining({ text: expect.stringContaining('XY-2025-0042') })]);
    expect(to(ofCompany, company(1))).toEqual([expect.objectContaining({ kind: 'report-expired', text: expect.stringContaining('XY-2025-0042') })]);
    expect(to(ofCompany, company(1))[0]!.public).toBeFalsy();
    // A person is addressed by the masked number and listed under its person key, never by the number.
    expect(to(ofPerson, maskedPerson)).toEqual([expect.objectContaining({ addresseeKey: 'pk_PERSONKEY', text: expect.stringContaining('XY-2025-0042') })]);
    expect(new Set(ofCompany.map((n) => `${n.kind}#${n.about}`)).size).toBe(ofCompany.length);
    for (const notice of [...ofCompany, ...ofPerson]) expect(JSON.stringify(notice)).not.toContain(person);
  });

  it('about to expire, is told to its agency only', () => {
    expect(reportExpiringNotice({ report: report(company(1), 'uscc', '2026-12-21'), county, today: '2026-12-01' }).public).toBeFalsy();
  });
});

describe('an objection left unanswered', () => {
  const c = {
    caseId: 'obj_AAAAAAAAAAAAAAAAAAAAAA',
    caseType: 'objection',
    decisionNumber: '郏市监罚〔2026〕41号',
    subjectId: 'pk_PERSONKEY',
    subjectType: 'residentId',
    subjectMaskedId: maskedPerson,
    subjectName: '张示范',
    providerOrgId: 'dept-market',
  } as StoredCase;

  it('past its answer day, and at each escalation, goes to the credit office and the provider, not to the public', () => {
    for (const notices of [caseOverdueNotices(c, '2026-12-21', county, '2026-12-22'), caseEscalationNotices(c, '2026-12-21', '2026-12-28')]) {
      expect(publicOnes(notices)).toEqual([]);
      expect(notices.map((n) => n.addressee).sort()).toEqual(['creditOffice', 'dept-market']);
      for (const notice of notices) {
        expect(notice.text).toContain('2026-12-21');
        expect(notice.text).toContain(c.caseId);
        expect(JSON.stringify(notice)).not.toContain(person);
      }
      expect(new Set(notices.map((n) => `${n.kind}#${n.about}`)).size).toBe(notices.length);
    }
    // The credit office's overdue notice keeps its key: the workflow and the scan publish it once between them.
    expect(to(caseOverdueNotices(c, '2026-12-21', county, '2026-12-22'), 'creditOffice')).toEqual([expect.objectContaining({ kind: 'verification-overdue', about: c.caseId })]);
  });
});

describe('the public notices about a department', () => {
  it('late publication: the department, its decisions and the rule, no subject', async () => {
    // Fines above the county's minor amount: published (a warning under order 36 is withheld and never named).
    const general = { penaltyCategories: ['fine'], penaltyContent: '罚款一万元', fineAmountYuan: 10_000 };
    const late = [await stored(penalty('郏市监罚〔2026〕41号', personSubject, general), '2026-11-23'), await stored(penalty('郏市监罚〔2026〕42号', companySubject, general), '2026-11-23')];
    const notice = latePublicationNotice({ providerOrgId: 'dept-market', receivedOn: '2026-11-23', records: late, county, today: '2026-11-24' });
    expect(notice.public).toBe(true);
    expect(notice.text).toContain('郏市监罚〔2026〕41号');
    expectNothingPrivate(notice, ['郏县测试商贸有限公司']);
  });

  it('a missing usage list: the department, the period and the rule', () => {
    const period = { id: '2026-11', kind: 'month', name: '2026年11月', firstDay: '2026-11-01', lastDay: '2026-11-30', dueDay: '2026-12-25' } as const;
    const notice = usageListMissingNotice({ orgId: 'dept-market', name: '郏县市场监督管理局' }, period, county, '2026-12-26');
    expect(notice.public).toBe(true);
    expect(notice.text).toContain('2026-12-25');
    expectNothingPrivate(notice);
  });
});

describe('the public projection of a notice', () => {
  const days = county.notices.publicListingDays.days;
  const storedNotice: StoredNotice = {
    kind: 'late-publication',
    about: 'dept-market#2026-11-23',
    addressee: 'dept-market',
    public: true,
    title: '通报',
    text: `当事人 ${person}`,
    date: '2026-11-24',
    publishedAt: '2026-11-23T23:00:00.000Z',
    sentAt: '2026-11-23T23:00:01.000Z',
  };

  it('shows the title, text, day and the last day listed, masked; not the notice key nor the delivery state', () => {
    const shown = publicNotice(storedNotice, county);
    expect(Object.keys(shown).sort()).toEqual(['addressee', 'date', 'kind', 'listedUntil', 'publishedAt', 'text', 'title']);
    expect(shown.text).not.toContain(person);
    expect(shown.listedUntil).toBe(new Date(Date.parse('2026-11-24T00:00:00Z') + (days - 1) * 86_400_000).toISOString().slice(0, 10));
  });

  it('is listed only within its listing period, as of the request day', () => {
    const today = '2026-12-31';
    const firstListed = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    expect(days).toBeGreaterThan(0);
    // Older days are cut off; days after the request day list nothing yet.
    expect(publicListingRange({ from: '2025-01-01', to: today }, today, county)).toEqual({ from: firstListed, to: today });
    expect(publicListingRange({ from: today, to: '2027-01-31' }, today, county)).toEqual({ from: today, to: today });
    expect(publicListingRange({ from: '2027-01-01', to: '2027-01-31' }, today, county)).toBeUndefined();
    expect(publicListingRange({ from: '2020-01-01', to: '2020-01-31' }, today, county)).toBeUndefined();
  });
});

describe('the county files', () => {
  it('state how long a public notice stays listed, with the clause or as the platform default with its reason', () => {
    for (const c of loadCounties()) {
      const { days, source } = c.notices.publicListingDays;
      expect(days, c.id).toBeGreaterThan(0);
      expect('platformDefault' in source ? source.platformDefault : source.clause, c.id).toMatch(/\S/);
    }
  });

  it('are refused without the listing period, or with a figure that says neither where it comes from nor both', () => {
    const { notices: _notices, ...withoutNotices } = structuredClone(county) as Record<string, unknown>;
    expect(() => parseCountyConfig(withoutNotices, 'x.json')).toThrow(/notices/);
    expect(() => parseCountyConfig({ ...county, notices: { publicListingDays: { days: 30 } } }, 'x.json')).toThrow(/notices\.publicListingDays\.source/);
    expect(() => parseCountyConfig({ ...county, notices: { publicListingDays: { days: 30, source: { notice: '赞皇县信用办通知', clause: '一、(一)', quote: '通报', platformDefault: 'why' } } } }, 'x.json')).toThrow(
      /notices\.publicListingDays\.source: must state exactly one of notice, source, platformDefault/,
    );
  });
});
