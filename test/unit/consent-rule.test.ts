import { describe, expect, it } from 'vitest';
import { consentStatus, type Consent } from '../../shared/consents/consent.ts';
import { consentAllows, type QueryRequest } from '../../shared/consents/consent-rule.ts';

const company = '91350122MA34C0NS7X';
const bank = '91350122MA7BNK6Y2X';

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA',
  subject: { id: company, type: 'uscc' },
  grantee: { id: bank, name: null },
  purpose: { category: 'loan', text: '流动资金贷款' },
  scope: { records: true, reports: true },
  expiresOn: '2027-05-31',
  grantedAt: '2026-11-23T02:00:00.000Z',
  grantedOn: '2026-11-23',
  grantedBy: 'user-1',
  bodyHash: 'x',
  ...overrides,
});
const ask = (wants?: QueryRequest['wants'], overrides: Partial<QueryRequest> = {}): QueryRequest => ({ grantee: bank, subjectId: company, ...(wants ? { wants } : {}), ...overrides });
const today = '2026-12-01';

describe('consentAllows', () => {
  it('allows the whole scope of a live consent when the query asks for no part of it', () => {
    expect(consentAllows(consent(), ask(), today)).toEqual({ allowed: true, scope: { records: true, reports: true } });
    expect(consentAllows(consent({ scope: { records: true, reports: false, kinds: ['penalty'] } }), ask(), today)).toEqual({
      allowed: true,
      scope: { records: true, reports: false, kinds: ['penalty'] },
    });
  });

  it('refuses without a consent by that subject to that institution, not saying which was wrong', () => {
    for (const decision of [
      consentAllows(undefined, ask(), today),
      consentAllows(consent(), ask(undefined, { grantee: '91350122MA7OTHER0X' }), today),
      consentAllows(consent(), ask(undefined, { subjectId: 'P_ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' }), today),
    ])
      expect(decision).toMatchObject({ allowed: false, code: 'CONSENT_REQUIRED' });
  });

  it('refuses a revoked consent, even before its last day', () => {
    const revoked = consent({ revoked: { at: '2026-11-30T01:00:00.000Z', on: '2026-11-30', by: 'user-1' } });
    expect(consentAllows(revoked, ask(), today)).toMatchObject({ allowed: false, code: 'CONSENT_REVOKED' });
    expect(consentStatus(revoked, today)).toBe('revoked');
  });

  it('allows on the last day and refuses the day after (county-local days)', () => {
    expect(consentAllows(consent(), ask(), '2027-05-31').allowed).toBe(true);
    expect(consentAllows(consent(), ask(), '2027-06-01')).toMatchObject({ allowed: false, code: 'CONSENT_EXPIRED' });
    expect(consentStatus(consent(), '2027-06-01')).toBe('expired');
  });

  it('refuses what lies outside the scope: records, reports, other kinds', () => {
    const recordsOnly = consent({ scope: { records: true, reports: false, kinds: ['penalty', 'blackList'] } });
    expect(consentAllows(recordsOnly, ask({ reports: true }), today)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' });
    expect(consentAllows(recordsOnly, ask({ kinds: ['penalty', 'reward'] }), today)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE', reason: expect.stringContaining('reward') });
    expect(consentAllows(consent({ scope: { records: false, reports: true } }), ask({ records: true }), today)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' });
    expect(consentAllows(recordsOnly, ask({ records: false }), today)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' });
    expect(consentAllows(consent(), ask({ records: false, kinds: ['penalty'] }), today)).toMatchObject({ allowed: false, code: 'OUT_OF_SCOPE' });
  });

  it('narrows to the part asked for', () => {
    expect(consentAllows(consent(), ask({ reports: false, kinds: ['penalty'] }), today)).toEqual({ allowed: true, scope: { records: true, reports: false, kinds: ['penalty'] } });
    expect(consentAllows(consent(), ask({ records: false }), today)).toEqual({ allowed: true, scope: { records: false, reports: true } });
    const someKinds = consent({ scope: { records: true, reports: true, kinds: ['penalty', 'blackList'] } });
    expect(consentAllows(someKinds, ask({ kinds: ['blackList'] }), today)).toEqual({ allowed: true, scope: { records: true, reports: true, kinds: ['blackList'] } });
  });

  it('checks revocation before expiry, and both before scope', () => {
    const both = consent({ expiresOn: '2026-11-30', revoked: { at: '2026-11-25T01:00:00.000Z', on: '2026-11-25', by: 'u' }, scope: { records: false, reports: true } });
    expect(consentAllows(both, ask({ records: true }), today)).toMatchObject({ code: 'CONSENT_REVOKED' });
    expect(consentAllows({ ...both, revoked: undefined }, ask({ records: true }), today)).toMatchObject({ code: 'CONSENT_EXPIRED' });
  });
});
