import { describe, expect, it } from 'vitest';
import { accessPolicy } from '../../shared/records/access-policy.ts';
import type { Caller } from '../../shared/identity/caller.ts';
import { roles, type Role } from '../../shared/identity/roles.ts';
import type { StoredRecord } from '../../shared/records/stored-record.ts';

const today = '2026-11-23';
const as = (role: Role, orgId: string): Caller => ({ role, orgId, county: 'jiaxian', userId: 'u' });
const person = 'P_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const record = (publicUntil: string | null, lifecycle: StoredRecord['lifecycle'] = 'active') =>
  ({ recordId: 'rec_1', subjectId: person, providerOrgId: 'dept-market', lifecycle, publicity: { publicFrom: '2026-11-01', publicUntil } }) as unknown as StoredRecord;
const inPublicity = record('2027-05-01');
const afterPublicity = record('2026-11-01');

/** Who is who to the resources above: the subject, its provider, the credit office, and strangers of every role. */
const callers = {
  subject: as('subject', person),
  provider: as('department', 'dept-market'),
  creditOffice: as('creditOffice', 'credit-office'),
  otherSubject: as('subject', '91410425MA45E8TH5X'),
  otherDepartment: as('department', 'dept-finance'),
  agency: as('agency', 'agency-xinyuan'),
  institution: as('institution', '91410425MA9BANK01X'),
};
type Who = keyof typeof callers;
const allowedOf = (decide: (caller: Caller) => boolean) => (Object.keys(callers) as Who[]).filter((who) => decide(callers[who]));

describe('the access policy', () => {
  it('covers every role the platform knows', () => {
    expect(new Set(Object.values(callers).map((c) => c.role))).toEqual(new Set(roles));
  });

  it('a record in its publicity period: anyone; after it: its subject, its provider and the credit office', () => {
    expect(allowedOf((c) => accessPolicy.seeRecord(c, inPublicity, today))).toEqual(Object.keys(callers));
    expect(accessPolicy.seeRecord(undefined, inPublicity, today)).toBe(true);
    expect(allowedOf((c) => accessPolicy.seeRecord(c, afterPublicity, today))).toEqual(['subject', 'provider', 'creditOffice']);
    expect(accessPolicy.seeRecord(undefined, afterPublicity, today)).toBe(false);
    expect(allowedOf((c) => accessPolicy.seeRecord(c, record('2027-05-01', 'revoked'), today))).toEqual(['subject', 'provider', 'creditOffice']);
  });

  it('whole ID numbers: the person and the credit office only; a person is known by its key, not its number', () => {
    expect(allowedOf((c) => accessPolicy.revealIds(c, person))).toEqual(['subject', 'creditOffice']);
    expect(accessPolicy.revealIds(undefined, person)).toBe(false);
    expect(accessPolicy.revealIds(as('subject', '410425198503121232'), person)).toBe(false);
  });

  it('history and corrections of a record', () => {
    expect(allowedOf((c) => accessPolicy.seeRecordHistory(c, inPublicity))).toEqual(['subject', 'provider', 'creditOffice']);
    expect(allowedOf((c) => accessPolicy.correctRecord(c, inPublicity))).toEqual(['provider']);
  });

  it('cases: seen by the subject, the provider and the credit office; raised by the subject or the credit office; answered by the provider', () => {
    const c = { subjectId: person, providerOrgId: 'dept-market' };
    expect(allowedOf((x) => accessPolicy.seeCase(x, c))).toEqual(['subject', 'provider', 'creditOffice']);
    expect(allowedOf((x) => accessPolicy.raiseCase(x, c))).toEqual(['subject', 'creditOffice']);
    expect(allowedOf((x) => accessPolicy.answerCase(x, c))).toEqual(['provider']);
    expect(accessPolicy.casesOfProvider(callers.provider, 'dept-finance')).toEqual({ allowed: false, provider: 'dept-market' });
    expect(accessPolicy.casesOfProvider(callers.creditOffice, 'dept-finance')).toEqual({ allowed: true, provider: 'dept-finance' });
  });

  it('checks: the organisation that ran it and the credit office; only its department records the outcome', () => {
    const check = { departmentOrgId: 'dept-market' };
    expect(allowedOf((c) => accessPolicy.seeCheck(c, check))).toEqual(['provider', 'creditOffice']);
    expect(allowedOf((c) => accessPolicy.recordCheckOutcome(c, check))).toEqual(['provider']);
    expect(accessPolicy.seeCheck(callers.institution, { departmentOrgId: callers.institution.orgId })).toBe(true);
  });

  it("reports and uploads: a subject's reports for itself and the credit office; voiding by the issuing agency or the credit office", () => {
    expect(allowedOf((c) => accessPolicy.listSubjectReports(c, person))).toEqual(['subject', 'creditOffice']);
    expect(allowedOf((c) => accessPolicy.voidReport(c, { agencyId: 'agency-xinyuan' }))).toEqual(['creditOffice', 'agency']);
    expect(allowedOf((c) => accessPolicy.seeUpload(c, { agencyId: 'agency-xinyuan' }))).toEqual(['agency']);
  });

  it('listings: anyone its own; naming another is refused; the credit office names whom it reads', () => {
    expect(accessPolicy.ownListing(callers.provider, undefined)).toEqual({ allowed: true, of: 'dept-market' });
    expect(accessPolicy.ownListing(callers.provider, 'dept-market')).toEqual({ allowed: true, of: 'dept-market' });
    expect(accessPolicy.ownListing(callers.provider, 'dept-finance')).toMatchObject({ allowed: false });
    expect(accessPolicy.ownListing(callers.subject, 'dept-finance')).toMatchObject({ allowed: false });
    expect(accessPolicy.ownListing(callers.creditOffice, 'dept-finance')).toEqual({ allowed: true, of: 'dept-finance' });
    expect(accessPolicy.ownListing(callers.creditOffice, undefined)).toEqual({ allowed: true, of: undefined });
  });

  it('consents: seen by the subject, the grantee and the credit office; revoked by the subject only', () => {
    const consent = { subjectId: person, granteeId: callers.institution.orgId };
    expect(allowedOf((c) => accessPolicy.seeConsent(c, consent))).toEqual(['subject', 'creditOffice', 'institution']);
    expect(allowedOf((c) => accessPolicy.revokeConsent(c, consent))).toEqual(['subject']);
  });

  it('a credit report: the subject, the credit office, and an institution only with a consent found live and covering', () => {
    const allowed = { allowed: true, scope: { records: true, reports: false } } as const;
    const refused = { allowed: false, code: 'CONSENT_REVOKED', reason: 'revoked' } as const;
    expect(allowedOf((c) => accessPolicy.creditReport(c, person, undefined))).toEqual(['subject', 'creditOffice']);
    expect(allowedOf((c) => accessPolicy.creditReport(c, person, refused))).toEqual(['subject', 'creditOffice']);
    // A consent decision lets only an institution in: it is the grantee consentAllows checked.
    expect(allowedOf((c) => accessPolicy.creditReport(c, person, allowed))).toEqual(['subject', 'creditOffice', 'institution']);
  });
});
