import * as z from 'zod';
import { calendarDate, type DateRule } from '../calendar/date-schema.ts';
import { plainText } from '../http/input-text.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';
import { residentIdSchema, usccSchema } from '../subjects/subject-id.ts';
import { nonPublicationReasons } from '../config/non-publication.ts';
import {
  legalRepresentativeIdTypeLabels,
  legalRepresentativeIdTypes,
  licenceCategories,
  penaltyAreas,
  penaltyCategories,
  penaltySeverities,
  recordKinds,
  subjectCategories,
} from '../config/record-kinds.ts';

/**
 * A credit record as a department pushes it (one item of a batch): one shape per kind, told apart by
 * `kind`. Strings are trimmed; unknown keys are refused so a misspelt optional field is not silently
 * dropped. Messages name the rule; the caller prefixes the path (e.g. `records.3.subject.uscc: …`).
 * Dates that depend on today (a decision in the future) are checked in record-dates.ts.
 */

const missingOr = (rule: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : rule);

const str = (max: number) =>
  z
    .string({ error: missingOr('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** Names, titles, short labels: no invisible or text-direction control characters (shared/http/input-text.ts). */
const name = (description: string) => plainText(str(200)).describe(description);
/** Facts, content, legal basis. */
const text = (description: string) => str(4000).describe(description);
/** Document and case numbers, held to the same characters as names. */
const docNumber = (description: string) => plainText(str(100)).describe(description);

/** An object that refuses unknown keys, naming them (a misspelt optional field must not vanish silently). */
const strictObject = <S extends z.ZodRawShape>(shape: S, what: string) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of ${what}`;
      return issue.input === undefined ? 'is required' : 'must be an object';
    },
  });

/** A real day in the platform's range (shared/calendar/date-schema.ts); a decision also not after today. */
const date = (description: string, rule: DateRule = {}) =>
  calendarDate(rule, missingOr('must be a date written YYYY-MM-DD')).describe(description);

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.enum(values, { error: missingOr(`must be one of: ${values.join(', ')}`) }).describe(description);

/** Amounts in yuan: not negative, at most 2 decimals (fen). JSON numbers print as written, so String() shows the decimals sent. */
const yuan = (description: string) =>
  z
    .number({ error: missingOr('must be a number') })
    .min(0, 'must not be negative')
    .max(1e12, 'must be at most 1000000000000')
    .refine((n) => /^-?\d+(\.\d{1,2})?$/.test(String(n)), 'must have at most 2 decimal places')
    .describe(description);

const categoryNames = {
  legalPerson: 'a legal person',
  otherOrganisation: 'another organisation',
  individualBusiness: 'an individual business',
  naturalPerson: 'a natural person',
} as const;

export const recordSubject = strictObject(
  {
    name: name('行政相对人名称 / subject name'),
    category: oneOf(subjectCategories, '行政相对人类别：法人、非法人组织、个体工商户、自然人 / subject category'),
    uscc: usccSchema.optional(),
    residentId: residentIdSchema.optional().describe('公民身份号码（自然人、无统一代码的个体工商户）/ resident ID number'),
    legalRepresentative: name('法定代表人（负责人）姓名 / legal representative').optional(),
    legalRepresentativeIdType: oneOf(
      legalRepresentativeIdTypes,
      `法定代表人证件类型：${legalRepresentativeIdTypes.map((t) => `${t} ${legalRepresentativeIdTypeLabels[t]}`).join('、')} / legal representative's identity document type`,
    ).optional(),
    legalRepresentativeIdNumber: plainText(str(50))
      .describe(
        "法定代表人证件号码（身份证按公民身份号码校验；平台只保存遮蔽后的号码和加密件）/ legal representative's identity document number; a resident ID is checked as one; stored masked and sealed, never shown whole",
      )
      .optional(),
  },
  'a subject',
)
  .superRefine((subject, ctx) => {
    const who = categoryNames[subject.category];
    const problem = (field: 'uscc' | 'residentId' | 'legalRepresentativeIdType' | 'legalRepresentativeIdNumber', message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    const { legalRepresentativeIdType: idType, legalRepresentativeIdNumber: idNumber } = subject;
    if (idType !== undefined && idNumber === undefined) problem('legalRepresentativeIdNumber', 'is required when legalRepresentativeIdType is given');
    // The number sent without its type: the number is what cannot be read (a type alone is named below).
    if (idNumber !== undefined && idType === undefined) problem('legalRepresentativeIdNumber', 'must come with legalRepresentativeIdType (the type of the document it is the number of)');
    if (idType === 'residentId' && idNumber !== undefined) {
      const parsed = residentIdSchema.safeParse(idNumber);
      if (!parsed.success) problem('legalRepresentativeIdNumber', `${parsed.error.issues[0]!.message} (legalRepresentativeIdType is residentId)`);
    }
    switch (subject.category) {
      case 'naturalPerson':
        if (subject.uscc !== undefined) problem('uscc', `must be absent for ${who}: give residentId`);
        if (subject.residentId === undefined) problem('residentId', `is required for ${who}`);
        break;
      case 'legalPerson':
      case 'otherOrganisation':
        if (subject.uscc === undefined) problem('uscc', `is required for ${who}`);
        break;
      case 'individualBusiness':
        if (subject.uscc === undefined && subject.residentId === undefined)
          problem('uscc', `is required for ${who} (or, where it has none, residentId of its operator)`);
        break;
    }
  })
  // A resident ID number in its canonical form (a lower-case x read as X, full-width digits and spaces gone), as the subject's.
  .transform((subject) =>
    subject.legalRepresentativeIdType === 'residentId' && subject.legalRepresentativeIdNumber !== undefined
      ? { ...subject, legalRepresentativeIdNumber: residentIdSchema.parse(subject.legalRepresentativeIdNumber) }
      : subject,
  )
  .describe('行政相对人 / the subject the record is about');

const common = {
  subject: recordSubject,
  decisionNumber: docNumber(
    '决定文书号（许可、处罚、认定、列入名单等文书编号）/ decision or listing document number; with the department and kind it identifies the record, so a retry is recognised',
  ),
  decisionDate: date('决定日期 YYYY-MM-DD（北京时间）/ decision date; from 1949-10-01, not after today', { notAfterToday: true }),
  authority: strictObject(
    {
      name: name('决定机关名称 / deciding authority'),
      uscc: usccSchema.describe('决定机关统一社会信用代码 / deciding authority USCC'),
    },
    'an authority',
  ).describe('作出决定的机关 / deciding authority'),
  sourceDepartment: name('数据来源单位 / department the data comes from'),
  sourceDepartmentUscc: usccSchema.describe('数据来源单位统一社会信用代码 / USCC of the department the data comes from').optional(),
  remarks: text('备注 / remarks').optional(),
  nonPublication: strictObject(
    {
      reason: oneOf(nonPublicationReasons, '不予公示的理由：涉及国家秘密、商业秘密、个人隐私、未成年人，或轻微失信信息 / why the record is not published'),
      note: text('说明 / explanation').optional(),
    },
    'a non-publication mark',
  )
    .describe('不予公示：记录照常用于部门核查，但不在公示网站、公示名单、公开通报和公共信用信息报告中出现 / not published: used in checks, never shown to the public')
    .optional(),
};

const variant = <K extends (typeof recordKinds)[number], S extends z.ZodRawShape>(kind: K, label: string, shape: S) =>
  strictObject({ kind: z.literal(kind).describe(label), ...common, ...shape }, `a ${kind} record`);

const content = text('内容 / content');

export const licenceInput = variant('licence', '行政许可', {
  licenceDocumentName: name('行政许可决定文书名称 / licence decision document name'),
  licenceCategory: oneOf(licenceCategories, '许可类别 / licence category'),
  certificateName: name('许可证书名称 / certificate name').optional(),
  certificateNumber: docNumber('许可编号 / certificate number').optional(),
  licenceContent: text('许可内容 / what is licensed'),
  validFrom: date('有效期自 YYYY-MM-DD / valid from'),
  validTo: date('有效期至 YYYY-MM-DD（长期有效不填）/ valid until; absent = no end').optional(),
}).superRefine((licence, ctx) => {
  if (licence.validTo !== undefined && licence.validTo < licence.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: `must not be before validFrom (${licence.validFrom})` });
});

export const penaltyInput = variant('penalty', '行政处罚', {
  violationType: name('违法行为类型 / type of violation'),
  facts: text('违法事实 / facts of the violation'),
  legalBasis: text('处罚依据 / legal basis'),
  penaltyCategories: z
    .array(oneOf(penaltyCategories, '处罚类别 / penalty category'), { error: missingOr('must be a list') })
    .min(1, 'must name at least one penalty category')
    .describe('处罚类别（可多选）/ penalty categories'),
  penaltyContent: text('处罚内容 / penalty content'),
  fineAmountYuan: yuan('罚款金额（元）/ fine in yuan').optional(),
  confiscationAmountYuan: yuan('没收违法所得、没收非法财物的金额（元）/ confiscated amount in yuan').optional(),
  licenceSuspendedOrRevoked: name('暂扣或吊销证照名称及编号 / name and number of the licence suspended or revoked').optional(),
  penaltyValidUntil: date('处罚有效期 YYYY-MM-DD（不早于处罚决定日期）/ the penalty is in effect until; not before decisionDate').optional(),
  severity: oneOf(penaltySeverities, '失信程度：轻微、一般、严重（填写时优先于按处罚类别的判断）/ severity, overrides the category mapping').optional(),
  area: oneOf(penaltyAreas, '领域：特种设备、安全生产、消防、食品、药品、其他 / area').optional(),
  publicityPeriodEnd: date('公示截止期 YYYY-MM-DD（决定书载明的）/ end of publicity stated by the decision').optional(),
  summaryProcedure: z
    .boolean({ error: 'must be true or false' })
    .describe('是否适用简易程序（当场处罚）：适用的为轻微失信信息 / decided by the summary procedure (on-the-spot penalty): minor dishonesty')
    .optional(),
  publishMinorBecause: text(
    '轻微失信信息确有必要公示的理由（填写后公示，公示期最长3个月）/ why a minor penalty must be published after all (then public at most 3 months)',
  ).optional(),
});

const otherAdministrative = <K extends 'enforcement' | 'levy' | 'confirmation' | 'reward'>(kind: K, label: string) =>
  variant(kind, label, { content, legalBasis: text('依据 / legal basis').optional() });

export const enforcementInput = otherAdministrative('enforcement', '行政强制');
export const levyInput = otherAdministrative('levy', '行政征收');
export const confirmationInput = otherAdministrative('confirmation', '行政确认');
export const rewardInput = otherAdministrative('reward', '行政奖励');

const court = name('法院名称 / court');
const caseNumber = docNumber('案号 / case number');

export const judgmentInput = variant('judgment', '司法判决', { court, caseNumber, content });

export const dishonestDebtorInput = variant('dishonestDebtor', '失信被执行人', {
  court,
  caseNumber,
  obligation: text('生效法律文书确定的义务 / obligation'),
  performanceStatus: oneOf(['unperformed', 'partlyPerformed'], '履行情况：全部未履行、部分未履行 / performance'),
  listedUntil: date('失信期限至 YYYY-MM-DD / listed until').optional(),
});

export const commitmentInput = variant('commitment', '信用承诺', {
  commitmentType: name('承诺类型（如告知承诺、容缺受理承诺、信用修复承诺）/ commitment type'),
  content,
  matterReference: name('关联事项 / the matter the commitment was made for').optional(),
});

export const commitmentBreachInput = variant('commitmentBreach', '违反信用承诺', {
  commitmentDecisionNumber: docNumber('所违反承诺的文书号 / number of the commitment broken').optional(),
  breachFacts: text('违诺事实 / facts of the breach'),
  content,
});

export const redListInput = variant('redList', '红名单', {
  listName: name('名单名称 / list name'),
  listingBasis: text('列入依据 / basis for listing'),
  listedUntil: date('列入期限至 YYYY-MM-DD / listed until').optional(),
});

export const blackListInput = variant('blackList', '黑名单（严重失信主体名单）', {
  listName: z
    .string({ error: missingOr('must be a string') })
    .trim()
    .regex(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      'must be a lower-case kebab-case list id, e.g. serious-dishonesty, major-tax-violation, procurement-serious-violation',
    )
    .max(64, 'must be at most 64 characters')
    .describe('名单标识（如 serious-dishonesty 严重失信主体名单、major-tax-violation 重大税收违法失信主体）/ list id'),
  listingBasis: text('列入依据 / basis for listing'),
  listedUntil: date('列入期限至 YYYY-MM-DD / end of the listing period'),
});

export const recordInput = z
  .discriminatedUnion(
    'kind',
    [
      licenceInput,
      penaltyInput,
      enforcementInput,
      levyInput,
      confirmationInput,
      rewardInput,
      judgmentInput,
      dishonestDebtorInput,
      commitmentInput,
      commitmentBreachInput,
      redListInput,
      blackListInput,
    ],
    {
      error: (issue) => {
        if (issue.code !== 'invalid_union') return issue.input === undefined ? 'is required' : 'must be an object';
        return (issue.input as { kind?: unknown } | undefined)?.kind === undefined
          ? 'is required'
          : `must be one of: ${recordKinds.join(', ')}`;
      },
    },
  )
  .describe('信用记录 / credit record, one shape per kind');

export type RecordInput = z.output<typeof recordInput>;
export type RecordInputOf<K extends RecordInput['kind']> = Extract<RecordInput, { kind: K }>;

/** Who the record is about: a natural person by resident ID; an organisation by USCC; an individual business by USCC if it has one. */
export function recordSubjectId(input: RecordInput): { type: SubjectIdType; id: string } {
  const { category, uscc, residentId } = input.subject;
  if (category !== 'naturalPerson' && uscc !== undefined) return { type: 'uscc', id: uscc };
  if (residentId !== undefined) return { type: 'residentId', id: residentId };
  throw new RangeError('a parsed record always identifies its subject');
}
