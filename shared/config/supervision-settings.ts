import * as z from 'zod';
import type { RuleSource } from './county-config.ts';

/**
 * The credit office's assessment (考核) and monthly bulletin (月通报) as data in the county file: which facts
 * are scored and with what weight, when the month's bulletin is drafted, whether the public reads it and to
 * whom it is reported. The notices ask the office to assess and to publish bulletins (Jiaxian 000 六(十三),
 * Lianjiang 001 六(四), Zanhuang 002 三(四), Wuchang 004 三(三)); none sets weights, so the weights are the
 * platform's default with the reason unless a county states its own. Pure schema: the scoring is
 * shared/compliance/assessment.ts.
 */

/** What a month's score is made of, one rule each (docs/supervision.md). */
export const assessmentRuleIds = ['usageListOnTime', 'matterListFiled', 'coverage', 'outcomesRecorded', 'latePublications', 'overdueAnswers', 'filingsOnTime'] as const;
export type AssessmentRuleId = (typeof assessmentRuleIds)[number];

export const assessmentRuleLabels: Record<AssessmentRuleId, { name: string; description: string }> = {
  usageListOnTime: { name: '使用情况清单按时报送', description: '当月到期的清单按时报送得满分，逾期报送得一半，未报送不得分；当月无到期清单不计' },
  matterListFiled: { name: '事项清单', description: '月末有经信用办审核通过的事项清单得满分，已报送待审核得一半，未报送或被退回不得分' },
  coverage: { name: '核查覆盖率', description: '得分 = 权重 × 已核查办件数 ÷ 办件数；当月未报送办件不计' },
  outcomesRecorded: { name: '核查结果登记', description: '得分 = 权重 × 已登记结果的核查数 ÷ 核查数；当月无核查不计' },
  latePublications: { name: '双公示按时报送', description: '每逾期报送一条扣分，扣完为止' },
  overdueAnswers: { name: '异议和修复按期答复', description: '每逾期答复一件扣分，扣完为止' },
  filingsOnTime: { name: '工作总结与制度措施报送', description: '得分 = 权重 × 按时报送数 ÷ 当月到期数；当月无到期不计' },
};

export const assessmentSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      rules: z
        .array(
          z
            .object({
              id: z.enum(assessmentRuleIds),
              weight: z.number().min(0).max(100),
              /** Points taken off per late publication or overdue answer (count rules only). */
              deductPerItem: z.number().positive().max(100).optional(),
            })
            .strict(),
        )
        .min(1),
      /** The clause that makes the office assess the departments (or the platform's default). */
      source: ruleSource,
      /** Where the weights come from: no notice sets them, so usually the platform's default with its reason. */
      weightsSource: ruleSource,
    })
    .strict()
    .superRefine((a, ctx) => {
      const total = a.rules.reduce((n, r) => n + r.weight, 0);
      if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['rules'], message: `weights must add up to 100 (they add up to ${total})` });
      const seen = new Set<string>();
      a.rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `"${r.id}" is listed twice` });
        seen.add(r.id);
        const counted = r.id === 'latePublications' || r.id === 'overdueAnswers';
        if (counted && r.deductPerItem === undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'deductPerItem'], message: 'must say how many points one item takes off' });
        if (!counted && r.deductPerItem !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'deductPerItem'], message: `applies to latePublications and overdueAnswers only, not ${r.id}` });
      });
    });

export const bulletinSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      /** The day of the month on which the previous month's bulletin is drafted for the office (1–28). */
      draftDay: z.object({ day: z.number().int().min(1).max(28), source: ruleSource }).strict(),
      /** Whether the public reads the published bulletin on the public site, with where that comes from. */
      publicSite: z.object({ publish: z.boolean(), source: ruleSource }).strict(),
      /** Bodies the bulletin is reported to (e.g. Zanhuang's 县委、县政府), printed on it as 报送; none by default. */
      reportedTo: z.object({ bodies: z.array(z.string().min(1).max(40)).max(10), source: ruleSource }).strict().optional(),
      /** Months of trend in the charts, the month reported on included. */
      trendMonths: z.number().int().min(2).max(12).default(6),
      /** The clause that asks for the bulletin (or the platform's default). */
      source: ruleSource,
    })
    .strict();

/** The platform's defaults, each with its reason; a county file overrides them with its own clauses. */
export const defaultAssessment = {
  rules: [
    { id: 'usageListOnTime', weight: 25 },
    { id: 'matterListFiled', weight: 10 },
    { id: 'coverage', weight: 30 },
    { id: 'outcomesRecorded', weight: 15 },
    { id: 'latePublications', weight: 10, deductPerItem: 2 },
    { id: 'overdueAnswers', weight: 10, deductPerItem: 5 },
  ],
  source: { platformDefault: '通知未规定考核；平台按各县通知共有的“逢办必查”监督要求对各部门逐月评分，信用办可另定。/ The notice sets no assessment; the platform scores each department monthly on the duties the notices share.' },
  weightsSource: {
    platformDefault:
      '通知未规定考核权重。平台默认：核查覆盖率30分（逢办必查为核心）、使用情况清单25分、核查结果登记15分、事项清单10分、双公示10分（每逾期一条扣2分）、异议修复答复10分（每逾期一件扣5分）。/ No notice sets weights: checks cover matters 30, usage list 25, outcomes 15, matter list 10, dual publicity 10 (2 per late record), answers 10 (5 per overdue case).',
  },
} as const;

export const defaultBulletins = {
  draftDay: {
    day: 10,
    source: {
      platformDefault:
        '通知未规定月通报的日期。平台默认每月10日起草上月通报：上月最后几日决定的双公示在7个工作日内报送，办件按月报送，10日时上月数据已齐。/ No notice sets the day: by the 10th, the last days\' dual publicity (7 working days) and the month\'s matters are in.',
    },
  },
  publicSite: { publish: false, source: { platformDefault: '通知未规定月通报向社会公开；平台默认只发送各部门，信用办可在县配置中开启。/ No notice makes the bulletin public: it goes to the departments.' } },
  trendMonths: 6,
  source: { platformDefault: '通知未规定月通报；平台为信用办按月汇总各部门落实情况。/ The notice asks for no monthly bulletin; the platform drafts one for the office.' },
} as const;
