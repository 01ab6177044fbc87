import { addDays } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

/**
 * Demo credit records of a county: every record kind, on a few subjects chosen so that a newcomer's
 * first check shows incentives (a red-listed company with a clean history), punishments (a company on
 * the major-tax-violation list and the dishonest-debtor list) and a suspended punishment (a penalty
 * under objection). Dates are relative to `today`, so the demo stays current. Codes pass their checks.
 */
export interface DemoSubject {
  key: 'good' | 'bad' | 'objecting' | 'person';
  name: string;
  category: 'legalPerson' | 'naturalPerson';
  uscc?: string;
  residentId?: string;
}

const uscc = (division: string, body: string) => {
  const first17 = `91${division}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const residentId = (division: string, birth: string, seq: string) => {
  const first17 = `${division}${birth}${seq}`;
  return first17 + residentIdCheckDigit(first17);
};

export function demoSubjects(county: CountyConfig): DemoSubject[] {
  const d = county.divisionCode;
  return [
    { key: 'good', name: `${county.name}诚信建筑工程有限公司`, category: 'legalPerson', uscc: uscc(d, 'MA45E8TH5') },
    { key: 'bad', name: `${county.name}失信商贸有限公司`, category: 'legalPerson', uscc: uscc(d, 'MA9XK7YB3') },
    { key: 'objecting', name: `${county.name}异议食品有限公司`, category: 'legalPerson', uscc: uscc(d, 'MA2Y7C8K4') },
    { key: 'person', name: '张示范', category: 'naturalPerson', residentId: residentId(d, '19850312', '123') },
  ];
}

/** The demo records, each pushed by the named department; `objection` marks the one shown under objection. */
export function demoRecords(county: CountyConfig, today: string) {
  // A government organ's code starts 11 (registered by the staffing office, category organ).
  const organ = `11${county.divisionCode}MB0000001`;
  const authorityUscc = organ + usccCheckCharacter(organ);
  const [good, bad, objecting, person] = demoSubjects(county);
  const subjectOf = (s: DemoSubject, legalRepresentative?: string) => ({
    name: s.name,
    category: s.category,
    ...(s.uscc ? { uscc: s.uscc } : {}),
    ...(s.residentId ? { residentId: s.residentId } : {}),
    ...(legalRepresentative ? { legalRepresentative } : {}),
  });
  const authority = (name: string) => ({ name: `${county.name}${name}`, uscc: authorityUscc });
  const common = (s: DemoSubject, number: string, daysAgo: number, dept: string) => ({
    subject: subjectOf(s, s.category === 'legalPerson' ? '王法人' : undefined),
    decisionNumber: `${county.name.slice(0, 2)}${number}`,
    decisionDate: addDays(today, -daysAgo),
    authority: authority(dept),
    sourceDepartment: `${county.name}${dept}`,
  });
  return [
    { by: 'dept-market', record: { kind: 'licence', ...common(good!, '市监许〔2026〕101号', 40, '市场监督管理局'), licenceDocumentName: '食品经营许可决定书', licenceCategory: '普通', certificateName: '食品经营许可证', certificateNumber: 'JY14104250001', licenceContent: '预包装食品销售', validFrom: addDays(today, -40), validTo: addDays(today, 5 * 365) } },
    { by: 'dept-market', record: { kind: 'reward', ...common(good!, '市监奖〔2026〕3号', 100, '市场监督管理局'), content: '守合同重信用企业表彰', legalBasis: '《县守合同重信用企业评定办法》' } },
    { by: 'dept-housing', record: { kind: 'confirmation', ...common(good!, '住建确〔2026〕12号', 80, '住房和城乡建设局'), content: '建筑业企业资质确认（施工总承包三级）' } },
    { by: 'dept-housing', record: { kind: 'commitment', ...common(good!, '住建诺〔2026〕21号', 30, '住房和城乡建设局'), commitmentType: '告知承诺', content: '承诺申报材料真实有效，按期补齐施工许可材料', matterReference: 'SG-2026-0017' } },
    { by: 'dept-tax', record: { kind: 'redList', ...common(good!, '税红〔2026〕1号', 60, '税务局'), listName: 'honest-taxpayer-a', listingBasis: '纳税信用A级纳税人名单', listedUntil: addDays(today, 300) } },

    { by: 'dept-tax', record: { kind: 'blackList', ...common(bad!, '税黑〔2026〕7号', 90, '税务局'), listName: 'major-tax-violation', listingBasis: '重大税收违法失信案件当事人名单', listedUntil: addDays(today, 2 * 365) } },
    { by: 'dept-court', record: { kind: 'dishonestDebtor', ...common(bad!, '（2026）豫0425执123号', 120, '人民法院'), court: `${county.name}人民法院`, caseNumber: '（2026）豫0425执123号', obligation: '支付货款人民币五十万元', performanceStatus: 'unperformed' } },
    { by: 'dept-market', record: { kind: 'penalty', ...common(bad!, '市监罚〔2026〕45号', 20, '市场监督管理局'), violationType: '销售不合格产品', facts: '销售的电线电缆经抽检不合格', legalBasis: '《中华人民共和国产品质量法》第四十九条', penaltyCategories: ['fine', 'confiscation'], penaltyContent: '没收违法所得，罚款人民币三万元', fineAmountYuan: 30000, confiscationAmountYuan: 4200.5 } },
    // A warning by the summary procedure: minor dishonesty, not published under NDRC order 36 (不予公示), yet in checks and shown to the company.
    { by: 'dept-market', record: { kind: 'penalty', ...common(bad!, '市监罚〔2026〕48号', 8, '市场监督管理局'), violationType: '未按规定明码标价', facts: '经营场所商品未标明价格', legalBasis: '《中华人民共和国价格法》第十三条', penaltyCategories: ['warning'], penaltyContent: '警告', summaryProcedure: true } },
    { by: 'dept-housing', record: { kind: 'commitmentBreach', ...common(bad!, '住建违诺〔2026〕2号', 50, '住房和城乡建设局'), breachFacts: '承诺期限内未补齐安全生产许可材料', content: '认定违反信用承诺，撤销告知承诺审批' } },
    { by: 'dept-housing', record: { kind: 'enforcement', ...common(bad!, '住建强〔2026〕9号', 70, '住房和城乡建设局'), content: '查封违法施工现场设备', legalBasis: '《建设工程安全生产管理条例》' } },
    { by: 'dept-court', record: { kind: 'judgment', ...common(bad!, '（2025）豫0425民初88号', 200, '人民法院'), court: `${county.name}人民法院`, caseNumber: '（2025）豫0425民初88号', content: '判令支付合同欠款及违约金' } },

    { by: 'dept-market', objection: true, record: { kind: 'penalty', ...common(objecting!, '市监罚〔2026〕52号', 15, '市场监督管理局'), violationType: '虚假宣传', facts: '网店页面宣传与实际不符', legalBasis: '《中华人民共和国反不正当竞争法》第二十条', penaltyCategories: ['revokeLicence'], penaltyContent: '吊销营业执照', severity: 'serious' } },
    { by: 'dept-finance', record: { kind: 'levy', ...common(objecting!, '财征〔2026〕30号', 25, '财政局'), content: '征收城市基础设施配套费人民币十二万元' } },
    { by: 'dept-finance', objection: true, record: { kind: 'blackList', ...common(objecting!, '采黑〔2026〕4号', 10, '财政局'), listName: 'procurement-serious-violation', listingBasis: '政府采购严重违法失信行为记录名单', listedUntil: addDays(today, 3 * 365) } },

    // A person's fine above the county's minor amount for a person (200 yuan): a general penalty, published (masked).
    { by: 'dept-market', record: { kind: 'penalty', ...common(person!, '市监罚〔2026〕60号', 12, '市场监督管理局'), violationType: '无照经营', facts: '未取得营业执照从事餐饮经营', legalBasis: '《无证无照经营查处办法》第十三条', penaltyCategories: ['fine'], penaltyContent: '罚款人民币二千元', fineAmountYuan: 2000 } },
  ] as const;
}
