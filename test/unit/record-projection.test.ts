/**
 * One public projection of a record (issue 13, 3a): the public site and every caller with no relation to
 * the record get the same fields; its subject, its provider and the credit office keep the record as kept.
 */
import { describe, expect, it } from 'vitest';
import { accessPolicy } from '../../shared/records/access-policy.ts';
import type { Caller } from '../../shared/identity/caller.ts';
import { roles, type Role } from '../../shared/identity/roles.ts';
import { presentRecord } from '../../shared/records/present-record.ts';
import { presentPublicRecord, publicSubjectOf } from '../../shared/records/present-public-record.ts';
import { buildRecordVersion, type StoredRecord } from '../../shared/records/stored-record.ts';
import { recordInput, type RecordInput } from '../../shared/records/record-input.ts';
import { clearInput } from '../../shared/records/protected-input.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { maskDocumentNumber } from '../../shared/privacy/document-number-mask.ts';
import { maskResidentId } from '../../shared/privacy/resident-id-mask.ts';
import { openResidentId, personKey } from '../../shared/privacy/personal-ids.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { protectForTest } from '../support/protected-input.ts';

const today = '2026-11-23';
const as = (role: Role, orgId: string): Caller => ({ role, orgId, county: 'jiaxian', userId: 'u' });
const person = 'P_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const residentIdMasked = '410425********3577';

/** A person's penalty, corrected with a reason, with remarks, received late: everything the public must not see. */
const record: StoredRecord = {
  recordId: 'rec_AAAAAAAAAAAAAAAAAAAAAA',
  version: 2,
  kind: 'penalty',
  subjectId: person,
  subjectType: 'residentId',
  subjectMaskedId: residentIdMasked,
  residentIdSealed: 'rid1.sealed',
  subjectName: '张示范',
  providerOrgId: 'dept-market',
  decisionNumber: '郏市监罚〔2026〕1号',
  decisionDate: '2026-11-02',
  receivedAt: '2026-11-20T02:00:00.000Z',
  receivedOn: '2026-11-20',
  input: {
    kind: 'penalty',
    subject: { name: '张示范', category: 'naturalPerson', residentId: residentIdMasked },
    decisionNumber: '郏市监罚〔2026〕1号',
    decisionDate: '2026-11-02',
    authority: { name: '郏县市场监督管理局', uscc: '11410425MB0000001N' },
    sourceDepartment: '郏县市场监督管理局',
    violationType: '未按规定公示信息',
    facts: '未按规定公示年度报告',
    legalBasis: '《企业信息公示暂行条例》第十八条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款人民币五千元',
    fineAmountYuan: 5000,
    remarks: '内部备注：当事人曾多次拒绝配合',
  } as StoredRecord['input'],
  publication: { deadline: '2026-11-11', late: true, lateByWorkingDays: 7, provisional: false },
  publicity: { publicFrom: '2026-11-02', publicUntil: '2027-02-01', ruleSource: '国家发展改革委令第36号' } as StoredRecord['publicity'],
  lifecycle: 'corrected',
  correction: { reason: '更正理由：罚款金额录入错误', previousVersion: 1 },
  bodyHash: 'x',
};

const callers = {
  subject: as('subject', person),
  provider: as('department', 'dept-market'),
  creditOffice: as('creditOffice', 'credit-office'),
  otherSubject: as('subject', '91410425MA45E8TH5X'),
  otherDepartment: as('department', 'dept-finance'),
  agency: as('agency', 'agency-xinyuan'),
  institution: as('institution', '91410425MA9BANK01X'),
};

describe('which projection of a record a caller gets (accessPolicy.recordView)', () => {
  it('covers every role', () => {
    expect(new Set(Object.values(callers).map((c) => c.role))).toEqual(new Set(roles));
  });

  it('its subject, its provider and the credit office: the record as kept; anyone else, and the public: the public projection', () => {
    const views = Object.fromEntries(Object.entries(callers).map(([who, caller]) => [who, accessPolicy.recordView(caller, record)]));
    expect(views).toEqual({
      subject: 'full',
      provider: 'full',
      creditOffice: 'full',
      otherSubject: 'public',
      otherDepartment: 'public',
      agency: 'public',
      institution: 'public',
    });
    expect(accessPolicy.recordView(undefined, record)).toBe('public');
  });
});

describe('the public projection (presentPublicRecord)', () => {
  it('leaves out remarks, the correction and its reason, the provider, the publication deadline and lateness, the version', async () => {
    const shown = await presentPublicRecord(record, today);
    const text = JSON.stringify(shown);
    for (const internal of ['内部备注', '更正理由', 'dept-market', '2026-11-11', 'rid1.sealed', '张示范', 'late', 'previousVersion'])
      expect([internal, text.includes(internal)]).toEqual([internal, false]);
    expect(Object.keys(shown).sort()).toEqual(
      ['authority', 'content', 'decisionDate', 'decisionNumber', 'kind', 'kindLabel', 'publicity', 'recordId', 'sourceDepartment', 'status', 'subject'].sort(),
    );
    expect(shown.subject).toEqual({ id: residentIdMasked, type: 'residentId', category: 'naturalPerson', name: '张**' });
    expect(shown.status).toBe('corrected');
    expect(shown.content).toMatchObject({ facts: '未按规定公示年度报告', fineAmountYuan: 5000 });
  });

  it('the record as kept holds them: the projections differ where it matters', async () => {
    const kept = JSON.stringify(await presentRecord(record, today, false));
    for (const internal of ['内部备注', '更正理由', 'dept-market', '"late":true']) expect([internal, kept.includes(internal)]).toEqual([internal, true]);
  });

  it("a subject as the public sees it: named as on its latest record, a person's name masked", () => {
    const earlier = { ...record, recordId: 'rec_B', subjectName: '张旧名', receivedAt: '2026-01-01T00:00:00.000Z' };
    expect(publicSubjectOf([earlier, record], residentIdMasked)).toEqual({ id: residentIdMasked, type: 'residentId', name: '张**' });
    expect(publicSubjectOf([], residentIdMasked)).toBeUndefined();
  });
});

describe("the legal representative's identity document (法定代表人证件号码): masked, sealed, never public", () => {
  const representativeId = `41042519751112002${residentIdCheckDigit('41042519751112002')}`;
  const companyCode = `91410425MA45E8TH5${usccCheckCharacter('91410425MA45E8TH5')}`;
  const authority = { name: '郏县市场监督管理局', uscc: `11410425MB0000001${usccCheckCharacter('11410425MB0000001')}` };
  const penalty = (subject: Record<string, unknown>): RecordInput =>
    recordInput.parse({
      ...record.input,
      authority,
      subject: { name: '郏县示例建材有限公司', category: 'legalPerson', uscc: companyCode, legalRepresentative: '王法人', ...subject },
      remarks: undefined,
    });
  const jiaxian = loadCounty('jiaxian');
  const calendar = workingDayCalendar(jiaxian.calendar);
  const stored = async (input: RecordInput) =>
    buildRecordVersion({ input: await protectForTest(input), providerOrgId: 'dept-market', receivedAt: new Date('2026-11-20T02:00:00Z'), receivedOn: '2026-11-20', county: jiaxian, calendar, version: 1 });

  it('a resident ID: stored masked (first 6, last 4), sealed beside the input, keyed in the idempotency hash, opened only to correct', async () => {
    const input = penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: representativeId });
    const protectedInput = await protectForTest(input);
    expect(protectedInput.input.subject.legalRepresentativeIdNumber).toBe(maskResidentId(representativeId));
    expect(protectedInput.hashed.subject.legalRepresentativeIdNumber).toBe(await personKey(representativeId));
    expect(await openResidentId(protectedInput.legalRepresentativeIdSealed!)).toBe(representativeId);
    expect(protectedInput.residentIdSealed).toBeUndefined();

    const kept = await stored(input);
    expect(JSON.stringify(kept)).not.toContain(representativeId);
    expect(kept.legalRepresentativeIdSealed).toMatch(/^rid1\./);
    expect(kept.bodyHash).toBe((await stored(input)).bodyHash); // a retry of the same body is recognised
    expect(kept.bodyHash).not.toBe((await stored(penalty({ legalRepresentativeIdType: 'passport', legalRepresentativeIdNumber: 'E12345678' }))).bodyHash);
    expect((await clearInput(kept)).subject.legalRepresentativeIdNumber).toBe(representativeId);
  });

  it('another document: all but its last 4 characters masked; a resident ID number typed into it is not masked twice or lost', async () => {
    const kept = await stored(penalty({ legalRepresentativeIdType: 'hkMacaoPermit', legalRepresentativeIdNumber: 'H12345678' }));
    expect(kept.input.subject.legalRepresentativeIdNumber).toBe('*****5678');
    expect((await clearInput(kept)).subject.legalRepresentativeIdNumber).toBe('H12345678');
    expect(maskDocumentNumber('E12')).toBe('***');
  });

  it('a person subject and its representative field at once: both sealed apart, both opened to correct', async () => {
    const personId = `41042519900307001${residentIdCheckDigit('41042519900307001')}`;
    const input = recordInput.parse({
      ...record.input,
      authority,
      remarks: undefined,
      subject: { name: '张某小吃店', category: 'individualBusiness', residentId: personId, legalRepresentative: '张某', legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: representativeId },
    });
    const kept = await stored(input);
    expect(JSON.stringify(kept)).not.toMatch(new RegExp(`${personId}|${representativeId}`));
    expect(kept.input.subject).toMatchObject({ residentId: maskResidentId(personId), legalRepresentativeIdNumber: maskResidentId(representativeId) });
    expect((await clearInput(kept)).subject).toMatchObject({ residentId: personId, legalRepresentativeIdNumber: representativeId });
  });

  it('the public projection carries no trace of it; the record as kept shows it masked, to its subject and the credit office too', async () => {
    const kept = await stored(penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: representativeId }));
    const shown = await presentPublicRecord(kept, today);
    expect(shown.subject).toEqual({ id: companyCode, type: 'uscc', category: 'legalPerson', name: '郏县示例建材有限公司', legalRepresentative: '王法人' });
    const text = JSON.stringify(shown);
    for (const trace of ['legalRepresentativeId', representativeId, maskResidentId(representativeId), representativeId.slice(-4), 'rid1.'])
      expect([trace, text.includes(trace)]).toEqual([trace, false]);
    for (const reveal of [false, true]) {
      const full = await presentRecord(kept, today, reveal);
      expect(full.details.subject.legalRepresentativeIdNumber).toBe(maskResidentId(representativeId));
      expect(JSON.stringify(full)).not.toMatch(new RegExp(`${representativeId}|rid1\\.`));
    }
  });
});
