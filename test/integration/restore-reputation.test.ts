import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordCorrection } from '../../shared/checks/record-correction.ts';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { restoreReputation } from '../../shared/checks/check-corrections.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices } from '../support/platform-api.ts';
import { personKey } from '../../shared/privacy/personal-ids.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

// Kunming notice 003 §二(五): where wrong information caused a subject to be punished, the departments concerned restore its reputation.
const county = loadCounty('kunming');
const today = testDate;
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const company = uscc('MC7000001');
const otherCompany = uscc('MC7000002');
const person = '53010219900101123' + residentIdCheckDigit('53010219900101123');
const authority = { name: '昆明市市场监督管理局', uscc: uscc('MB0000009') };

let platform: LocalPlatform;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const check = async (orgId: string, subjectId: string, reference: string, name: string) => {
  const answer = await call('POST', '/checks', 'department', orgId, { subjectId, matter: { type: 'procurement', reference, name } });
  expect(answer.status).toBe(201);
  return answer.body.checkId as string;
};

const penalty = (subjectCode: string, name: string, number: string, fineAmountYuan = 10000) => ({
  kind: 'penalty',
  subject: { name, category: 'legalPerson', uscc: subjectCode, legalRepresentative: '王五' },
  decisionNumber: number,
  decisionDate: addDays(today, -3),
  authority,
  sourceDepartment: '昆明市市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: `罚款人民币${fineAmountYuan}元`,
  fineAmountYuan,
});

/** Notices of kind record-correction sent to the topic (the platform's SNS outbox), parsed. */
const sentCorrections = () => sentNotices(platform).filter((n) => n.kind === 'record-correction');

beforeAll(async () => {
  platform = await startLocalPlatform({ county, clock: testClockStart, dataDir: mkdtempSync(join(tmpdir(), 'restore-it-')), port: 0, fresh: true, demo: false, log: () => undefined });
});
afterAll(async () => {
  await platform?.stop();
});

describe('restoring a subject’s reputation after a record is corrected', () => {
  it('notifies each department once per check that showed the wrong version, and the check shows the correction', async () => {
    const decisionNumber = '昆市监罚〔2026〕88号';
    const pushed = await call('POST', '/records', 'department', 'dept-market', penalty(company, '昆明测试贸易有限公司', decisionNumber));
    expect(pushed.status).toBe(201);
    const recordId = pushed.body.recordId as string;
    await call('POST', '/records', 'department', 'dept-market', penalty(otherCompany, '昆明另一贸易有限公司', '昆市监罚〔2026〕89号'));

    const finance1 = await check('dept-finance', company, 'ZC-2026-701', '办公设备采购');
    const finance2 = await check('dept-finance', company, 'ZC-2026-702', '物业服务采购');
    const housing = await check('dept-housing', company, 'ZC-2026-703', '绿化工程采购');
    const otherSubject = await check('dept-finance', otherCompany, 'ZC-2026-704', '车辆采购');

    // The provider corrects the record (version 2); a check after that shows version 2 and relied on nothing wrong.
    const corrected = await call('PUT', `/records/${recordId}`, 'department', 'dept-market', {
      record: penalty(company, '昆明测试贸易有限公司', decisionNumber, 1000),
      reason: '罚款金额录入错误',
      expectedVersion: 1,
    });
    expect(corrected.body.version).toBe(2);
    const afterCorrection = await check('dept-tax', company, 'ZC-2026-705', '设备维修采购');
    const shownAfter = await call('GET', `/checks/${afterCorrection}`, 'department', 'dept-tax');
    expect(shownAfter.body.records).toEqual([expect.objectContaining({ recordId, version: 2 })]);

    const correction: RecordCorrection = {
      caseId: 'obj_restore_1',
      caseType: 'objection',
      recordId,
      subjectId: company,
      subjectName: '昆明测试贸易有限公司',
      decisionNumber,
      providerOrgId: 'dept-market',
      outcome: 'corrected',
      currentVersion: 2,
      reasoning: '经核查，罚款金额应为一千元',
      decidedAt: platform.clock.now().toISOString(),
      decidedOn: today,
    };
    const first = await restoreReputation({ correction, county, now: platform.clock.now() });
    expect(first.checks.map((c) => [c.checkId, c.departmentOrgId]).sort()).toEqual(
      [
        [finance1, 'dept-finance'],
        [finance2, 'dept-finance'],
        [housing, 'dept-housing'],
      ].sort(),
    );

    const notices = sentCorrections();
    expect(notices.map((n) => n.about).sort()).toEqual([finance1, finance2, housing].map((id) => `${id}#obj_restore_1`).sort());
    for (const id of [otherSubject, afterCorrection]) expect(notices.some((n) => n.about.startsWith(id))).toBe(false);
    const toHousing = notices.find((n) => n.about.startsWith(housing))!;
    expect(toHousing).toMatchObject({ addressee: 'dept-housing', date: localDate(platform.clock.now(), county.timeZone) });
    for (const part of [housing, '绿化工程采购', 'ZC-2026-703', decisionNumber, '更正', 'obj_restore_1', '恢复其信誉', company])
      expect(toHousing.text).toContain(part);

    const own = await call('GET', `/checks/${housing}`, 'department', 'dept-housing');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ checkId: housing, matter: { reference: 'ZC-2026-703' } });
    expect(own.body.corrections).toEqual([
      expect.objectContaining({ caseId: 'obj_restore_1', recordId, decisionNumber, outcome: 'corrected', shownVersion: 1, currentVersion: 2, notice: { kind: 'record-correction', about: `${housing}#obj_restore_1` } }),
    ]);
    expect(own.body).not.toHaveProperty('correctedByCases');
    expect((await call('GET', `/checks/${housing}`, 'department', 'dept-finance')).status).toBe(404);
    expect((await call('GET', `/checks/chk_${'x'.repeat(22)}`, 'department', 'dept-finance')).status).toBe(404);
    const office = await call('GET', `/checks/${housing}`, 'creditOffice', 'credit-office');
    expect([office.status, office.body.corrections.length]).toEqual([200, 1]);
    expect((await call('GET', `/checks/${otherSubject}`, 'department', 'dept-finance')).body.corrections).toEqual([]);

    const listed = await call('GET', `/checks?from=${today}&to=${today}`, 'department', 'dept-finance');
    const byId = new Map<string, any>(listed.body.checks.map((c: any) => [c.checkId, c]));
    expect(byId.get(finance1).corrections).toHaveLength(1);
    expect(byId.get(otherSubject).corrections).toEqual([]);

    // A retried run (a Lambda retry) publishes nothing new and adds no second entry.
    const again = await restoreReputation({ correction, county, now: platform.clock.now() });
    expect(again.checks.every((c) => !c.marked && !c.noticePublished)).toBe(true);
    expect(sentCorrections()).toHaveLength(3);
    expect((await call('GET', `/checks/${finance1}`, 'department', 'dept-finance')).body.corrections).toHaveLength(1);
  });

  it('for a revoked record, notifies every check that showed it, whatever the version; never names a person’s ID number', async () => {
    const decisionNumber = '昆市监罚〔2026〕90号';
    const pushed = await call('POST', '/records', 'department', 'dept-market', penalty(company, '昆明测试贸易有限公司', decisionNumber));
    const recordId = pushed.body.recordId as string;
    const market = await check('dept-market', company, 'ZC-2026-801', '印刷服务采购');
    const { checks } = await restoreReputation({
      correction: {
        caseId: 'obj_restore_2', caseType: 'objection', recordId, subjectId: company, subjectName: '昆明测试贸易有限公司', decisionNumber,
        providerOrgId: 'dept-market', outcome: 'revoked', currentVersion: 1, reasoning: '处罚决定已被撤销', decidedAt: platform.clock.now().toISOString(), decidedOn: today,
      },
      county,
      now: platform.clock.now(),
    });
    expect(checks.map((c) => c.checkId)).toEqual([market]);
    const notice = sentCorrections().find((n) => n.about === `${market}#obj_restore_2`)!;
    expect(notice.text).toContain('撤销');

    // A person, after credit repair: the notice names them but carries no ID number, not even masked.
    const personDecision = '昆市监罚〔2026〕91号';
    const personRecord = await call('POST', '/records', 'department', 'dept-market', {
      ...penalty(company, '', personDecision),
      subject: { name: '赵测试', category: 'naturalPerson', residentId: person },
    });
    expect(personRecord.status).toBe(201);
    const personCheck = await check('dept-housing', person, 'ZC-2026-802', '保障房资格审核');
    const repaired = await restoreReputation({
      correction: {
        // A case names its subject as the record does: a person by its person key, never the number.
        caseId: 'rep_restore_3', caseType: 'repair', recordId: personRecord.body.recordId, subjectId: await personKey(person), subjectName: '赵测试', decisionNumber: personDecision,
        providerOrgId: 'dept-market', outcome: 'repaired', currentVersion: 1, reasoning: '已完成信用修复', decidedAt: platform.clock.now().toISOString(), decidedOn: today,
      },
      county,
      now: platform.clock.now(),
    });
    expect(repaired.checks.map((c) => c.checkId)).toEqual([personCheck]);
    const toPerson = sentCorrections().find((n) => n.about === `${personCheck}#rep_restore_3`)!;
    expect(toPerson.text).toContain('赵测试');
    expect(toPerson.text).toContain('信用修复');
    expect(toPerson.text).not.toContain(person);
    expect(toPerson.text).not.toMatch(/\*{4}/);
  });
});
