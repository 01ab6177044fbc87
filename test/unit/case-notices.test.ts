import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { StoredCase } from '../../shared/cases/case.ts';
import {
  caseDecidedNotice,
  caseEscalationNotices,
  caseOpenedNotice,
  caseOverdueNotices,
  caseReminderNotice,
  caseStuckNotice,
} from '../../shared/cases/case-notices.ts';
import { randomBytes } from 'node:crypto';
import { protectSubjectId } from '../../shared/privacy/personal-ids.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';

const county = loadCounty('kunming');
const personId = '53010219850312123' + residentIdCheckDigit('53010219850312123');
process.env[resourceEnv.personalDataLocalKey] ??= randomBytes(32).toString('base64');
const person = await protectSubjectId({ type: 'residentId', id: personId });

const personCase: StoredCase = {
  caseId: 'obj_AAAAAAAAAAAAAAAAAAAAAA',
  caseType: 'objection',
  recordId: 'rec_BBBBBBBBBBBBBBBBBBBBBB',
  recordVersion: 1,
  recordKind: 'penalty',
  decisionNumber: '昆市监罚〔2026〕7号',
  subjectId: person.key,
  subjectType: 'residentId',
  subjectMaskedId: person.masked,
  subjectSealedId: person.sealed,
  subjectName: '张示范',
  providerOrgId: 'dept-market',
  raisedBy: { role: 'subject', orgId: person.key, userId: 'u' },
  raisedAt: '2026-11-23T02:00:00.000Z',
  raisedOn: '2026-11-23',
  reason: `本人身份证号 ${personId} 被错误登记`,
  evidence: [],
  state: 'answered',
  answerBy: '2026-12-21',
  answer: { outcome: 'revoked', reasoning: '登记错误，撤销', answeredBy: { orgId: 'dept-market', userId: 'v' }, answeredAt: '2026-11-30T02:00:00.000Z' },
  history: [],
};

describe('case notices', () => {
  const all = [
    caseOpenedNotice(personCase, '2026-12-21', county, '2026-11-23'),
    caseReminderNotice(personCase, '2026-12-21', '2026-12-14'),
    ...caseOverdueNotices(personCase, '2026-12-21', county, '2026-12-22'),
    ...caseEscalationNotices(personCase, '2026-12-21', '2026-12-28'),
    caseDecidedNotice(personCase, '2026-11-30'),
    caseStuckNotice(personCase, 'TransientFault', '2026-11-30'),
  ];

  it('never carry a person’s ID number, in the addressee, title or text', () => {
    for (const notice of all) expect(JSON.stringify(notice), notice.kind).not.toContain(personId);
    expect(caseDecidedNotice(personCase, '2026-11-30').addressee).toBe(`${personId.slice(0, 6)}********${personId.slice(-4)}`);
  });

  it('name the case, the record and the deadline, and are unique per moment', () => {
    for (const notice of all) expect(notice.text, notice.kind).toContain(personCase.caseId);
    expect(caseOpenedNotice(personCase, '2026-12-21', county, '2026-11-23').text).toContain('2026-12-21');
    expect(new Set(all.map((n) => `${n.kind}#${n.about}`)).size).toBe(all.length);
    // Reminders and escalations repeat: one per day, not one per case.
    expect(caseReminderNotice(personCase, '2026-12-21', '2026-12-18').about).not.toBe(caseReminderNotice(personCase, '2026-12-21', '2026-12-14').about);
  });

  it('go to the provider (opened, reminders, overdue, escalation), the credit office (overdue, escalation, stuck) and the subject (decided), none in public', () => {
    expect(all.filter((n) => n.public)).toEqual([]);
    expect(all.map((n) => [n.kind, n.addressee])).toEqual([
      ['case-opened', 'dept-market'],
      ['case-reminder', 'dept-market'],
      ['verification-overdue', 'creditOffice'],
      ['verification-overdue', 'dept-market'],
      ['case-escalation', 'creditOffice'],
      ['case-escalation', 'dept-market'],
      ['case-decided', expect.stringContaining('********')],
      ['case-stuck', 'creditOffice'],
    ]);
  });
});
