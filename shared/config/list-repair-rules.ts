import type { RuleSource } from './county-config.ts';
import type { BlackListName } from './list-names.ts';

/**
 * Credit repair (信用修复) of list entries, as the county file's `cases.repairableLists` and
 * `cases.notRepairable` state it. No county notice says which lists a subject may leave by credit repair,
 * so every county file takes these platform defaults unless it states its own; each names where it comes from.
 *
 * Order 36 (《信用修复管理办法》, NDRC order 2025 No. 36, in force from 2026-04-01) counts list entries among
 * the dishonesty information that may be repaired (art. 4: 严重失信主体名单信息 … 异常名录信息), and lets
 * every subject apply unless a law or a central policy document says the information cannot be repaired
 * (art. 2). How long an entry stays before repair is for each list's own rules, which the county notices do
 * not state: the platform takes order 36's shortest period for serious dishonesty information (one year).
 */
export interface ListRepairRule {
  listNames: BlackListName[];
  /** Months from the listing decision before repair may be asked for (0: at once, once the conduct is corrected). */
  minMonths: number;
  /** Why entries of these lists may be repaired at all. */
  clause: RuleSource;
  /** Where the minimum period comes from. */
  minMonthsClause: RuleSource;
}

export interface NotRepairableRule {
  match: { kind: 'blackList' | 'dishonestDebtor' | 'redList'; listNames?: string[] };
  /** Why credit repair does not take the entry off, in Chinese, as the subject is told. */
  reason: string;
  clause: RuleSource;
}

const order36 = '《信用修复管理办法》（国家发展改革委令2025年第36号）';

export const platformListRepairRules: ListRepairRule[] = [
  {
    listNames: ['serious-dishonesty', 'major-tax-violation', 'serious-illegal-dishonest-enterprise'],
    minMonths: 12,
    clause: { source: order36, clause: '第四条', quote: '包括严重失信主体名单信息' },
    minMonthsClause: {
      platformDefault:
        '县通知未规定名单信息的最短列入期限，各名单认定办法亦不在本平台；平台取《信用修复管理办法》严重失信信息最短公示期1年，自列入决定之日起算',
    },
  },
  {
    listNames: ['abnormal-operations'],
    minMonths: 0,
    clause: { source: order36, clause: '第四条', quote: '异常名录信息' },
    minMonthsClause: {
      platformDefault: '县通知未规定经营异常名录信息的最短期限；列入事由纠正后即可申请修复，平台不设最短期限',
    },
  },
];

export const platformNotRepairable: NotRepairableRule[] = [
  {
    match: { kind: 'dishonestDebtor' },
    reason: '失信被执行人名单信息由作出决定的人民法院删除（被执行人履行义务等情形），不经信用修复移出。',
    clause: { source: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）', clause: '第十条' },
  },
  {
    match: { kind: 'blackList', listNames: ['procurement-serious-violation'] },
    reason: '政府采购严重违法失信行为记录名单的禁止参加政府采购活动期限由法律规定（一至三年），期满移出名单，期内不经信用修复移出。',
    clause: { source: '《中华人民共和国政府采购法》', clause: '第七十七条' },
  },
  {
    match: { kind: 'blackList', listNames: ['food-drug-ban'] },
    reason: '食品药品生产经营禁入为法律规定的禁业期限，期满前不经信用修复移出。',
    clause: { source: '《中华人民共和国食品安全法》', clause: '第一百三十五条' },
  },
  {
    match: { kind: 'redList' },
    reason: '红名单是守信激励信息，不是失信信息，无需信用修复。',
    clause: { source: order36, clause: '第四条', quote: '对信用主体信用状况具有负面影响的信息' },
  },
];
