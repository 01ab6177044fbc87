import type { BulletinAccountabilityRow, BulletinContent } from '../../shared/bulletins/bulletin-content.ts';

/**
 * A realistic monthly bulletin of Jiaxian (郏县), November 2026: five departments (one whose name is long, two
 * that handled no matter, one that ran no check at all), six months of trend (one with no matter handled, one
 * with no usage list due), twelve accountability candidates, the office's text and the scoring rules.
 */
export function bulletinFixture(overrides: Partial<BulletinContent> = {}): BulletinContent {
  return {
    county: { id: 'jiaxian', name: '郏县', creditOfficeName: '郏县社会信用体系建设领导小组办公室', siteName: '信用郏县' },
    month: '2026-11',
    title: '郏县2026年11月信用信息应用情况通报',
    state: 'draft',
    asOf: '2026-12-01',
    officeText: [
      '11月，全县各部门认真落实“逢办必查”要求，在行政许可、政府采购、评先评优等事项中查询使用信用信息，信用核查次数较上月增长，覆盖率总体稳定。',
      '住房和城乡建设局城乡建设管理综合执法大队仍有办件未经核查即作出决定，人力资源和社会保障局本月未开展核查，请于12月15日前说明情况并整改。',
      '各部门应按月报送信用信息使用情况清单，对核查发现的失信主体依法依规实施惩戒，不予适用的应当说明理由。',
    ],
    departments: [
      { orgId: 'dept-market', name: '郏县市场监督管理局', checks: 128, withOutcome: 120, mattersHandled: 140, mattersChecked: 126, coverage: 0.9, latePublications: 0, overdueAnswers: 0, usageList: 'onTime', filings: { due: 1, onTime: 1 }, score: 96.5, rank: 1, accountabilityCandidates: 2 },
      { orgId: 'dept-drc', name: '郏县发展和改革委员会', checks: 64, withOutcome: 64, mattersHandled: 75, mattersChecked: 60, coverage: 0.8, latePublications: 1, overdueAnswers: 0, usageList: 'onTime', filings: { due: 0, onTime: 0 }, score: 88, rank: 2, accountabilityCandidates: 1 },
      {
        orgId: 'dept-housing-enforcement',
        name: '郏县住房和城乡建设局城乡建设管理综合执法大队',
        checks: 37,
        withOutcome: 29,
        mattersHandled: 52,
        mattersChecked: 30,
        coverage: 30 / 52,
        latePublications: 3,
        overdueAnswers: 1,
        usageList: 'late',
        filings: { due: 1, onTime: 0 },
        score: 71.25,
        rank: 3,
        accountabilityCandidates: 7,
      },
      { orgId: 'dept-finance', name: '郏县财政局', checks: 12, withOutcome: 9, mattersHandled: 0, mattersChecked: 0, coverage: null, latePublications: 0, overdueAnswers: 2, usageList: 'missing', filings: { due: 1, onTime: 1 }, score: 58, rank: 4, accountabilityCandidates: 0 },
      { orgId: 'dept-hrss', name: '郏县人力资源和社会保障局', checks: 0, withOutcome: 0, mattersHandled: 0, mattersChecked: 0, coverage: null, latePublications: 0, overdueAnswers: 0, usageList: 'notDue', filings: { due: 0, onTime: 0 }, score: 40, rank: 5, accountabilityCandidates: 2 },
    ],
    trend: [
      { month: '2026-06', checks: 96, coverage: null, latePublications: 6, overdueAnswers: 2, listsOnTime: 3, listsDue: 5 },
      { month: '2026-07', checks: 154, coverage: 0.62, latePublications: 4, overdueAnswers: 3, listsOnTime: 4, listsDue: 5 },
      { month: '2026-08', checks: 188, coverage: 0.705, latePublications: 5, overdueAnswers: 1, listsOnTime: 0, listsDue: 0 },
      { month: '2026-09', checks: 203, coverage: 0.74, latePublications: 2, overdueAnswers: 0, listsOnTime: 4, listsDue: 5 },
      { month: '2026-10', checks: 219, coverage: 0.781, latePublications: 3, overdueAnswers: 1, listsOnTime: 5, listsDue: 5 },
      { month: '2026-11', checks: 241, coverage: 216 / 267, latePublications: 4, overdueAnswers: 3, listsOnTime: 2, listsDue: 4 },
    ],
    accountability: accountabilityRows(12),
    scoring: {
      rules: [
        { name: '使用情况清单按时报送', weight: 20, description: '按月报送信用信息使用情况清单，按时得满分，逾期得一半，未报送不得分。' },
        { name: '逢办必查覆盖率', weight: 35, description: '已核查办件数占办件数的比例乘以权重；本月无办件的按全县平均计。' },
        { name: '逾期公示', weight: 15, description: '每有一件行政许可、行政处罚信息超过7个工作日公示的，扣3分，扣完为止。' },
        { name: '逾期答复', weight: 15, description: '每有一件异议或信用修复超过期限未答复的，扣5分，扣完为止。' },
        { name: '核查结果录入', weight: 15, description: '已录入使用结果的核查次数占核查次数的比例乘以权重。' },
      ],
      clause: '《郏县信用信息查询应用工作考核办法》（000 六(十三)）',
    },
    ...overrides,
  };
}

const departmentsOfRows = ['郏县住房和城乡建设局城乡建设管理综合执法大队', '郏县市场监督管理局', '郏县人力资源和社会保障局', '郏县发展和改革委员会'];

/** `n` accountability candidates: matters decided without a check and punishments offered but neither applied nor explained, by turns. */
export function accountabilityRows(n: number): BulletinAccountabilityRow[] {
  return Array.from({ length: n }, (_, i) => {
    const withoutCheck = i % 3 !== 2;
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      department: departmentsOfRows[i % departmentsOfRows.length]!,
      kind: withoutCheck ? 'decidedWithoutCheck' : 'punishmentUnexplained',
      reference: withoutCheck ? `JX-ZJ-2026-11-${String(301 + i).padStart(5, '0')}` : `chk_01JD${String(7000 + i)}Q8RS`,
      matterName: withoutCheck ? (i % 2 ? '建筑工程施工许可证核发' : '城镇污水排入排水管网许可') : '政府采购供应商资格审查',
      subject: i % 4 === 3 ? `410425********${String(1000 + i).slice(-4)}` : i === 0 ? '郏县赜堉建材商贸有限公司（91410425MA45E8TH52）' : `郏县第${i + 1}建筑工程有限公司（91410425MA45E8TH${String(10 + i).slice(-2)}）`,
      date: `2026-11-${day}`,
      detail: withoutCheck ? '未核查信用记录' : '未说明不予适用“限制申请财政资金”的理由',
    };
  });
}
