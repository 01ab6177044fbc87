import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { currentCopy } from '../../shared/records/record-store.ts';
import { recordInput } from '../../shared/records/record-input.ts';
import { protectForTest } from '../support/protected-input.ts';
import { buildRecordVersion, firstReceipt, keepFirstReceipt } from '../../shared/records/stored-record.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const county = loadCounty('jiaxian');
const calendar = workingDayCalendar(county.calendar);
const code = (body: string) => `91410425${body}${usccCheckCharacter(`91410425${body}`)}`;
const input = (fine: number) =>
  recordInput.parse({
    kind: 'penalty',
    subject: { name: '郏县测试商贸有限公司', category: 'legalPerson', uscc: code('MA0000001'), legalRepresentative: '王五' },
    decisionNumber: '郏市监罚〔2026〕88号',
    decisionDate: '2026-11-02',
    authority: { name: '郏县市场监督管理局', uscc: code('MA0000099') },
    sourceDepartment: '郏县市场监督管理局',
    violationType: '虚假宣传',
    facts: '宣传与实际不符',
    legalBasis: '《反不正当竞争法》第二十条',
    penaltyCategories: ['fine'],
    penaltyContent: `罚款人民币${fine}元`,
    fineAmountYuan: fine,
  });
const version = async (fine: number, receivedOn: string, v: number) =>
  buildRecordVersion({ input: await protectForTest(input(fine)), providerOrgId: 'dept-market', receivedAt: new Date(`${receivedOn}T02:00:00Z`), receivedOn, county, calendar, version: v });

// Decided 2026-11-02, deadline 2026-11-11, received 2026-11-20: late. Corrected on 2026-11-25.
const first = await version(10000, '2026-11-20', 1);
const next = keepFirstReceipt(first, { ...(await version(5000, '2026-11-25', 2)), correction: { reason: '金额更正', previousVersion: 1 } });

describe('a corrected record keeps its first receipt', () => {

  it('stays late by its first day, not the correction day', () => {
    expect(first.publication).toMatchObject({ late: true, deadline: '2026-11-11' });
    expect(next.publication).toEqual(first.publication);
    expect(firstReceipt(next)).toEqual({ at: '2026-11-20T02:00:00.000Z', on: '2026-11-20' });
    expect(next.receivedOn).toBe('2026-11-25');
  });

  it("keeps its place in the late-publication index and in the provider's listing", () => {
    const copy = currentCopy(next);
    expect(copy.gsi2pk).toBe('LATE#2026-11-20');
    expect(copy.gsi1sk.startsWith('2026-11-20T02:00:00.000Z#')).toBe(true);
  });

  it('an item stored before the first receipt was kept falls back to its own receipt', () => {
    const { firstReceivedAt: _a, firstReceivedOn: _b, ...old } = first;
    expect(firstReceipt(old)).toEqual({ at: first.receivedAt, on: first.receivedOn });
  });
});
