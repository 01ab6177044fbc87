import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { measure, type CountyConfig } from '../../shared/config/county-config.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { hasCleanHistory, listStatus, selectMeasures, type RecordForMeasures } from '../../shared/checks/select-measures.ts';

const today = '2026-06-15';
const zanhuang = loadCounty('zanhuang').measures;
const kunming = loadCounty('kunming').measures;

let next = 0;
function record(kind: RecordForMeasures['kind'], fields: Partial<RecordForMeasures> = {}): RecordForMeasures {
  next += 1;
  return { recordId: `rec_${String(next).padStart(3, '0')}`, kind, decisionDate: '2026-03-01', status: 'active', ...fields };
}

/** A record old enough that the platform's history of the subject reaches back past any window used here. */
const longKnown = () => record('licence', { decisionDate: '2020-05-01' });

const select = (matterType: string, records: RecordForMeasures[], measures: CountyConfig['measures'] = zanhuang) =>
  selectMeasures({ measures, matterType, records, today });
const ids = (selected: ReturnType<typeof select>) => selected.map((m) => m.measureId);

describe('punishments rest on records in force', () => {
  it('a dishonest judgment debtor is refused in procurement, with the record it rests on', () => {
    const debtor = record('dishonestDebtor');
    const [refusal, ...rest] = select('procurement', [debtor]);
    expect(refusal).toEqual({
      measureId: 'procurement-refusal',
      kind: 'punishment',
      name: '拒绝参与政府采购活动',
      description: expect.stringContaining('失信被执行人'),
      clause: '赞皇县信用办通知 二、(一)',
      basis: 'records',
      restsOn: [{ recordId: debtor.recordId, kind: 'dishonestDebtor', decisionDate: '2026-03-01', status: 'active' }],
      suspended: false,
    });
    expect(rest).toEqual([]); // no incentive: a bad record in force is not a clean history
  });

  it('a subject on the major tax violation list is refused in procurement; another black list is not that ground', () => {
    const taxList = record('blackList', { listName: 'major-tax-violation' });
    expect(select('procurement', [taxList])[0]).toMatchObject({ measureId: 'procurement-refusal', restsOn: [{ recordId: taxList.recordId, listName: 'major-tax-violation' }] });
    expect(ids(select('procurement', [record('blackList', { listName: 'serious-dishonesty' })]))).not.toContain('procurement-refusal');
  });

  it('a record revoked, expired or repaired supports no measure', () => {
    for (const status of ['revoked', 'expired', 'repaired'] as const)
      expect(ids(select('procurement', [record('dishonestDebtor', { status })]))).not.toContain('procurement-refusal');
  });

  it('a corrected record is still in force', () => {
    expect(ids(select('procurement', [record('dishonestDebtor', { status: 'corrected' })]))).toContain('procurement-refusal');
  });
});

describe('objections (Kunming 003 §二(五): 信息核实期间暂不执行联合惩戒措施)', () => {
  it('a punishment whose only record is under objection is suspended, with the objection id', () => {
    const contested = record('blackList', { listName: 'procurement-serious-violation', status: 'underObjection', objectionId: 'obj_1' });
    const [refusal] = select('procurement', [contested]);
    expect(refusal).toMatchObject({
      measureId: 'procurement-refusal',
      suspended: true,
      suspendedBy: ['obj_1'],
      restsOn: [{ recordId: contested.recordId, status: 'underObjection', objectionId: 'obj_1' }],
    });
  });

  it('all supporting records under objection: suspended by each objection', () => {
    const a = record('dishonestDebtor', { status: 'underObjection', objectionId: 'obj_b' });
    const b = record('blackList', { listName: 'major-tax-violation', status: 'underObjection', objectionId: 'obj_a' });
    expect(select('procurement', [a, b])[0]).toMatchObject({ suspended: true, suspendedBy: ['obj_a', 'obj_b'] });
  });

  it('one of two supporting records under objection: applied, and both records are listed with their status', () => {
    const contested = record('blackList', { listName: 'major-tax-violation', status: 'underObjection', objectionId: 'obj_2', decisionDate: '2026-04-01' });
    const standing = record('dishonestDebtor', { decisionDate: '2026-02-01' });
    const [refusal] = select('procurement', [standing, contested]);
    expect(refusal!.suspended).toBe(false);
    expect(refusal!.suspendedBy).toBeUndefined();
    expect(refusal!.restsOn.map((r) => [r.recordId, r.status, r.objectionId])).toEqual([
      [contested.recordId, 'underObjection', 'obj_2'],
      [standing.recordId, 'active', undefined],
    ]);
  });

  it('incentives are never suspended', () => {
    const [incentive] = select('administrative-approval', [record('redList', { status: 'underObjection', objectionId: 'obj_3' })]);
    expect(incentive).toMatchObject({ kind: 'incentive', suspended: false });
  });

  describe("the county's policy keeps a court's dishonest-debtor entry in force during an objection", () => {
    const policy = loadCounty('zanhuang').cases.keepPunishmentsDuringObjection;
    const selectWithPolicy = (records: RecordForMeasures[]) => selectMeasures({ measures: zanhuang, matterType: 'procurement', records, today, objectionPolicy: policy });

    it('every county file states the policy, with its legal basis', () => {
      for (const id of ['jiaxian', 'kunming', 'lianjiang', 'wuchang', 'zanhuang'])
        expect(loadCounty(id).cases.keepPunishmentsDuringObjection).toEqual([
          expect.objectContaining({ match: { kind: 'dishonestDebtor' }, clause: { source: expect.stringContaining('失信被执行人名单'), clause: '第十二条' } }),
        ]);
    });

    it('a punishment resting on a dishonest-debtor entry under objection applies, and says why', () => {
      const contested = record('dishonestDebtor', { status: 'underObjection', objectionId: 'obj_court' });
      const [refusal] = selectWithPolicy([contested]);
      expect(refusal).toMatchObject({ measureId: 'procurement-refusal', suspended: false });
      expect(refusal!.suspendedBy).toBeUndefined();
      expect(refusal!.inForceDespiteObjection).toEqual([
        { recordId: contested.recordId, objectionId: 'obj_court', reason: expect.stringContaining('不停止原决定的执行'), clause: expect.stringContaining('第十二条') },
      ]);
    });

    it('the same punishment resting on a black-list entry under objection is still suspended', () => {
      const contested = record('blackList', { listName: 'major-tax-violation', status: 'underObjection', objectionId: 'obj_tax' });
      const [refusal] = selectWithPolicy([contested]);
      expect(refusal).toMatchObject({ suspended: true, suspendedBy: ['obj_tax'] });
      expect(refusal!.inForceDespiteObjection).toBeUndefined();
    });

    it('a debtor entry not under objection is not reported as kept', () => {
      const [refusal] = selectWithPolicy([record('dishonestDebtor')]);
      expect(refusal).toMatchObject({ suspended: false });
      expect(refusal!.inForceDespiteObjection).toBeUndefined();
    });

    it('without a policy (the default) the debtor entry under objection suspends like any other', () => {
      const [refusal] = select('procurement', [record('dishonestDebtor', { status: 'underObjection', objectionId: 'obj_d' })]);
      expect(refusal).toMatchObject({ suspended: true, suspendedBy: ['obj_d'] });
    });
  });
});

describe('incentives', () => {
  it('a red-listed subject gets the approval facilitation (green channel, 容缺受理, 告知承诺) on its record', () => {
    const red = record('redList', { listName: '纳税信用A级纳税人' });
    const selected = select('administrative-approval', [red]);
    expect(ids(selected)).toEqual(['approval-facilitation', 'government-service-facilitation', 'supervision-optimised']);
    expect(selected[0]).toMatchObject({ basis: 'records', restsOn: [{ recordId: red.recordId, kind: 'redList' }], suspended: false });
    expect(selected[0]!.description).toMatch(/绿色通道.*容缺受理.*告知承诺/);
  });

  it('three years without a bad record grants the approval incentives on a clean history', () => {
    const old = record('penalty', { decisionDate: '2023-01-10', status: 'expired' });
    const selected = select('administrative-approval', [old, record('licence')]);
    expect(ids(selected)).toEqual(['approval-facilitation', 'government-service-facilitation', 'supervision-optimised']);
    expect(selected.every((m) => m.basis === 'cleanHistory' && m.restsOn.length === 0)).toBe(true);
  });

  it('an unknown subject, or one known only from recent records, has no history to vouch for', () => {
    expect(select('administrative-approval', [])).toEqual([]);
    expect(select('administrative-approval', [record('licence', { decisionDate: '2024-01-01' })])).toEqual([]);
    expect(ids(select('administrative-approval', [record('licence', { decisionDate: '2023-01-01' })]))).toContain('approval-facilitation');
  });

  it('a penalty two years ago, expired since, still breaks the clean history', () => {
    expect(select('administrative-approval', [longKnown(), record('penalty', { decisionDate: '2024-06-15', status: 'expired' })])).toEqual([]);
  });

  it('red-listed and clean: the incentive rests on the red list', () => {
    const red = record('redList');
    expect(select('procurement', [red]).find((m) => m.measureId === 'procurement-credit-bonus')).toMatchObject({ basis: 'records', restsOn: [{ recordId: red.recordId }] });
  });
});

describe('clean history', () => {
  const penalty = (decisionDate: string, status: RecordForMeasures['status']) => [longKnown(), record('penalty', { decisionDate, status })];

  it('counts a bad record through the day N years after its decision (Civil Code Art. 202)', () => {
    expect(hasCleanHistory(penalty('2023-06-15', 'expired'), 3, '2026-06-15')).toBe(false);
    expect(hasCleanHistory(penalty('2023-06-15', 'expired'), 3, '2026-06-16')).toBe(true);
    expect(hasCleanHistory(penalty('2024-02-29', 'expired'), 2, '2026-02-28')).toBe(false);
    expect(hasCleanHistory(penalty('2024-02-29', 'expired'), 2, '2026-03-01')).toBe(true);
  });

  it('needs records reaching back N years; a revoked record is no evidence of that', () => {
    expect(hasCleanHistory([], 3, today)).toBe(false);
    expect(hasCleanHistory([record('licence', { decisionDate: '2023-06-15' })], 3, today)).toBe(false);
    expect(hasCleanHistory([record('licence', { decisionDate: '2023-06-14' })], 3, today)).toBe(true);
    expect(hasCleanHistory([record('licence', { decisionDate: '2020-01-01', status: 'revoked' })], 3, today)).toBe(false);
  });

  it('a bad record in force breaks it whatever its date; a repaired one within the window too; a revoked one never', () => {
    expect(hasCleanHistory(penalty('2015-01-01', 'active'), 3, today)).toBe(false);
    expect(hasCleanHistory(penalty('2015-01-01', 'underObjection'), 3, today)).toBe(false);
    expect(hasCleanHistory(penalty('2025-09-01', 'repaired'), 3, today)).toBe(false);
    expect(hasCleanHistory(penalty('2015-01-01', 'repaired'), 3, today)).toBe(true);
    expect(hasCleanHistory(penalty('2026-01-01', 'revoked'), 3, today)).toBe(true);
  });

  it('only bad kinds count: licences, rewards, levies and commitments do not', () => {
    const good = [longKnown(), ...(['licence', 'reward', 'levy', 'commitment', 'judgment', 'enforcement'] as const).map((kind) => record(kind))];
    expect(hasCleanHistory(good, 3, today)).toBe(true);
    for (const kind of ['penalty', 'dishonestDebtor', 'commitmentBreach', 'blackList'] as const)
      expect(hasCleanHistory([longKnown(), record(kind, { status: 'expired', decisionDate: '2025-01-01' })], 3, today)).toBe(false);
  });
});

describe('which measures a matter gets', () => {
  it('bidding measures are not on a procurement check, and the other way round', () => {
    const debtor = record('dishonestDebtor');
    expect(ids(select('procurement', [debtor]))).toEqual(['procurement-refusal']);
    expect(ids(select('bidding', [debtor]))).toEqual(['bidding-restriction']);
  });

  it('measures with no matters apply to every matter, including "other"', () => {
    const red = [record('redList')];
    for (const matter of ['other', 'awards', 'land-transfer']) expect(ids(select(matter, red))).toEqual(expect.arrayContaining(['supervision-optimised']));
    expect(ids(select('other', red))).toEqual(['government-service-facilitation', 'supervision-optimised']);
  });

  it('carries the exemption of the measure (Kunming fund support)', () => {
    const [exclusion] = select('fund-support', [record('blackList', { listName: 'serious-dishonesty' })], kunming);
    expect(exclusion).toMatchObject({ measureId: 'fund-support-exclusion', exemption: '社会福利扶贫资金除外' });
  });

  it('sorts punishments first, then incentives, each by measure id', () => {
    const catalog = z.array(measure).parse([
      { id: 'b-incentive', kind: 'incentive', name: 'b', description: 'b', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'redList' }] } },
      { id: 'z-punishment', kind: 'punishment', name: 'z', description: 'z', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'enforcement' }] } },
      { id: 'a-incentive', kind: 'incentive', name: 'a', description: 'a', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'redList' }] } },
      { id: 'c-punishment', kind: 'punishment', name: 'c', description: 'c', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'enforcement' }] } },
    ]);
    expect(ids(select('other', [record('redList'), record('enforcement')], catalog))).toEqual(['c-punishment', 'z-punishment', 'a-incentive', 'b-incentive']);
  });

  it('a subject punished for the matter gets no clean-history incentive, but keeps a red-list one', () => {
    const catalog = z.array(measure).parse([
      { id: 'clean', kind: 'incentive', name: 'clean', description: 'd', clause: { platformDefault: 'a test catalog' }, when: { cleanYears: 3 } },
      { id: 'red', kind: 'incentive', name: 'red', description: 'd', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'redList' }] } },
      { id: 'enforced', kind: 'punishment', name: 'p', description: 'd', clause: { platformDefault: 'a test catalog' }, when: { anyRecord: [{ kind: 'enforcement' }] }, matters: ['bidding'] },
    ]);
    const records = [longKnown(), record('enforcement'), record('redList')];
    expect(ids(select('bidding', records, catalog))).toEqual(['enforced', 'red']);
    expect(ids(select('procurement', records, catalog))).toEqual(['clean', 'red']);
  });
});

describe('list status for the check receipt', () => {
  it('names the lists the subject is on through records in force', () => {
    const red = record('redList', { listName: '守合同重信用企业' });
    const black = record('blackList', { listName: 'major-tax-violation', status: 'underObjection', objectionId: 'obj_9' });
    const debtor = record('dishonestDebtor');
    const status = listStatus([red, debtor, black, record('blackList', { listName: 'serious-dishonesty', status: 'revoked' }), record('penalty')]);
    expect(status).toEqual({
      redListed: true,
      blackListed: true,
      dishonestDebtor: true,
      lists: [
        { kind: 'blackList', listName: 'major-tax-violation', recordId: black.recordId, status: 'underObjection' },
        { kind: 'dishonestDebtor', recordId: debtor.recordId, status: 'active' },
        { kind: 'redList', listName: '守合同重信用企业', recordId: red.recordId, status: 'active' },
      ],
    });
  });

  it('is all false for a subject on no list', () => {
    expect(listStatus([record('penalty'), record('redList', { status: 'expired' })])).toEqual({ redListed: false, blackListed: false, dishonestDebtor: false, lists: [] });
  });
});
