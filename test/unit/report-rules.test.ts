import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { rejectionReason, reportIdOf, reportStatus, uploadIdOf, validUntilOf } from '../../shared/reports/report-rules.ts';

const pdf = Buffer.from('%PDF-1.4\n');
const base = { content: pdf, sizeBytes: 100, maxBytes: 1000, agencyStatus: 'active', issueDate: '2026-11-20', validUntil: '2027-11-22', today: '2026-11-23' };

describe('report rules', () => {
  it('accepts a PDF of an active agency, issued by today and not expired', () => {
    expect(rejectionReason(base)).toBeUndefined();
    expect(rejectionReason({ ...base, issueDate: '2026-11-23', validUntil: '2026-11-23' })).toBeUndefined();
  });

  it('says why a file is refused', () => {
    expect(rejectionReason({ ...base, content: Buffer.from('<html>') })).toBe('the file is not a PDF (it does not start with %PDF-)');
    expect(rejectionReason({ ...base, sizeBytes: 1001 })).toBe('the file is larger than 1000 bytes');
    expect(rejectionReason({ ...base, agencyStatus: 'suspended' })).toMatch(/not an active registered agency \(status: suspended\)/);
    expect(rejectionReason({ ...base, agencyStatus: undefined })).toMatch(/status: unregistered/);
    expect(rejectionReason({ ...base, issueDate: '2026-11-24' })).toMatch(/in the future/);
    expect(rejectionReason({ ...base, validUntil: '2026-11-22' })).toBe('the report expired on 2026-11-22');
  });

  it('reads a status on a day: voided wins, then the validity period', () => {
    expect(reportStatus({ status: 'valid', validUntil: '2026-11-23' }, '2026-11-23')).toBe('valid');
    expect(reportStatus({ status: 'valid', validUntil: '2026-11-22' }, '2026-11-23')).toBe('expired');
    expect(reportStatus({ status: 'voided', validUntil: '2027-01-01' }, '2026-11-23')).toBe('voided');
  });

  it('ends the validity period on a working day', () => {
    // 2026-11-20 + 12 months = 2027-11-20, a Saturday: valid through Monday 2027-11-22.
    expect(validUntilOf('2026-11-20', 12, workingDayCalendar({ holidays: [], workdays: [], completeYears: [] }))).toBe('2027-11-22');
  });

  it('derives one upload and one report id per agency and report number', () => {
    expect(uploadIdOf('a', 'n1')).toMatch(/^upl_[A-Za-z0-9_-]{22}$/);
    expect(reportIdOf('a', 'n1')).toMatch(/^rpt_[A-Za-z0-9_-]{22}$/);
    expect(uploadIdOf('a', 'n1')).toBe(uploadIdOf('a', 'n1'));
    expect(uploadIdOf('a', 'n1')).not.toBe(uploadIdOf('b', 'n1'));
  });
});
