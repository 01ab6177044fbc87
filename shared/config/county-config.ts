import * as z from 'zod';
import { assessmentSettingsSchema, bulletinSettingsSchema, defaultAssessment, defaultBulletins } from './supervision-settings.ts';
import { defaultExchange, exchangeSettingsSchema } from './exchange-settings.ts';
import { defaultUsageLog, usageLogSettingsSchema } from './usage-log-settings.ts';
import { calendarDate } from '../calendar/date-schema.ts';
import { blackListNames, isBlackListName, type BlackListName } from './list-names.ts';
import { platformListRepairRules, platformNotRepairable, type ListRepairRule, type NotRepairableRule } from './list-repair-rules.ts';
import { recordKinds } from './record-kinds.ts';
import { filingSettingsSchema, noFilingsAsked } from './filing-kinds.ts';
import { defaultNationalLists, nationalListSettingsSchema } from './national-list-settings.ts';

/** A calendar date written as YYYY-MM-DD, in the county's time zone: a real day in the platform's range (shared/calendar/date-schema.ts). */
export const isoDate = calendarDate();

const workingDays = z.number().int().positive().max(365);
/** The longest validity a county may give credit reports; the reports bucket keeps a pinned version at least this long. */
export const maxReportValidityMonths = 60;

/**
 * How often a department submits its usage list (使用情况清单) and by which day.
 * `dueDay` is the day of the month after the period ends (Zanhuang: by the 25th).
 */
export const usageListCadence = z.object({
  period: z.enum(['monthly', 'quarterly']),
  dueDay: z.number().int().min(1).max(28),
  /** Extra summaries on fixed dates, e.g. Lianjiang's half-year summaries by 15 July and 15 December. */
  summaries: z
    .array(z.object({ name: z.string().min(1), dueMonthDay: z.string().regex(/^\d{2}-\d{2}$/, 'must be MM-DD') }))
    .default([]),
});

/** Exactly one of the keys given: one object with optional keys reports a precise field, where a union would only say "invalid input". */
const exactlyOne =
  (keys: readonly string[]) =>
  (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = keys.filter((k) => value[k] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', message: `must state exactly one of ${keys.join(', ')}` });
  };

/**
 * Where a rule of the county file comes from, in one of three forms:
 * - `{ notice, clause, quote }`: a clause of the county's own notice (`notice` is one of `sources[].document`,
 *   `clause` its label as the notice numbers it, e.g. "三、(三)" or "二、(五)2"), with words quoted from it;
 * - `{ source, clause, quote? }`: another instrument, e.g. the Supreme People's Court's rule on its list of
 *   dishonest judgment debtors (法释〔2017〕7号);
 * - `{ platformDefault }`: the notice says nothing on it; the platform's choice, with the reason.
 */
export const ruleSource = z
  .object({
    notice: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    platformDefault: z.string().min(1).optional(),
    clause: z.string().min(1).optional(),
    quote: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    exactlyOne(['notice', 'source', 'platformDefault'])(s, ctx);
    if ((s.notice !== undefined || s.source !== undefined) && s.clause === undefined)
      ctx.addIssue({ code: 'custom', path: ['clause'], message: 'must name the clause' });
    if (s.notice !== undefined && s.quote === undefined) ctx.addIssue({ code: 'custom', path: ['quote'], message: 'must quote the words of the clause' });
    if (s.platformDefault !== undefined && (s.clause !== undefined || s.quote !== undefined))
      ctx.addIssue({ code: 'custom', message: 'a platform default cites no clause' });
  })
  .transform((s) => s as RuleSource);

export type RuleSource =
  | { notice: string; clause: string; quote: string }
  | { source: string; clause: string; quote?: string }
  | { platformDefault: string };

/** How a source is shown to people (check receipts, credit reports): "赞皇县信用办通知 二、(一)". */
export function clauseLabel(source: RuleSource): string {
  if ('notice' in source) return `${source.notice} ${source.clause}`;
  if ('source' in source) return `${source.source}${source.clause}`;
  return `平台默认：${source.platformDefault}`;
}

/** A kind of administrative matter in which departments check credit, named as the county's notice names it. */
export const matterType = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case kebab-case'),
    name: z.string().min(1),
    clause: ruleSource,
  })
  .strict();

/**
 * Where each deadline and the usage-list cadence come from, keyed by the setting's path: the clause of the
 * notice that states the number, or the platform's default with the reason where the notice states none.
 */
export const deadlineClauses = z
  .object({
    'deadlines.publicationWorkingDays': ruleSource,
    'deadlines.objectionAnswerWorkingDays': ruleSource,
    'deadlines.reportValidityMonths': ruleSource,
    'deadlines.reportExpiryWarningDays': ruleSource,
    'usageList.period': ruleSource,
    'usageList.dueDay': ruleSource,
    'usageList.summaries': ruleSource.optional(),
  })
  .strict();

/** One kind of record that a measure rests on; `listNames` narrows a list kind to some of its lists. */
export const recordMatch = z
  .object({
    kind: z.enum(recordKinds, { error: (issue) => `unknown record kind "${String(issue.input)}" (known: ${recordKinds.join(', ')})` }),
    listNames: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((match, ctx) => {
    if (!match.listNames) return;
    if (match.kind !== 'blackList' && match.kind !== 'redList')
      ctx.addIssue({ code: 'custom', path: ['listNames'], message: `only list kinds (blackList, redList) have list names, not "${match.kind}"` });
    else if (match.kind === 'blackList')
      match.listNames.forEach((name, i) => {
        if (!isBlackListName(name))
          ctx.addIssue({ code: 'custom', path: ['listNames', i], message: `unknown black list "${name}" (known: ${Object.keys(blackListNames).join(', ')})` });
      });
  });

const years = z.number().int().min(1).max(10);

const singleCondition = z
  .object({ anyRecord: z.array(recordMatch).min(1).optional(), cleanYears: years.optional() })
  .strict()
  .superRefine(exactlyOne(['anyRecord', 'cleanYears']));

/**
 * When a measure applies, as data:
 * - `{ anyRecord: [...] }`: the subject has at least one record in force of one of these kinds (and lists);
 * - `{ cleanYears: N }`: no bad record (penalty, dishonest debtor, commitment breach, black list) in force,
 *   nor decided within the last N years (连续N年无不良信用记录);
 * - `{ anyOf: [...] }`: any of those, e.g. "red-listed or three clean years".
 */
export const measureCondition = z
  .object({
    anyRecord: z.array(recordMatch).min(1).optional(),
    cleanYears: years.optional(),
    anyOf: z.array(singleCondition).min(2).optional(),
  })
  .strict()
  .superRefine(exactlyOne(['anyRecord', 'cleanYears', 'anyOf']))
  .transform((condition) => condition as MeasureCondition);

export type RecordMatch = z.output<typeof recordMatch>;
export type SingleCondition = { anyRecord: RecordMatch[] } | { cleanYears: number };
export type MeasureCondition = SingleCondition | { anyOf: SingleCondition[] };

/** A measure applied because of a subject's credit: an incentive (守信激励) or a punishment (失信惩戒). */
export const measure = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case kebab-case'),
    kind: z.enum(['incentive', 'punishment']),
    name: z.string().min(1),
    /** What the department does, in Chinese, as shown on the check receipt. */
    description: z.string().min(1),
    /** Where it comes from: a clause of the county's notice, quoted (or another instrument, or the platform). */
    clause: ruleSource,
    when: measureCondition,
    /**
     * Where the condition comes from when the measure's clause does not define it, e.g. "信用状况良好" read as
     * red-listed or three clean years: a definition only Wuchang's notice states, a platform default elsewhere.
     */
    whenClause: ruleSource.optional(),
    /** What the measure does not cover, shown with it (e.g. 社会福利扶贫资金除外). */
    exemption: z.string().min(1).optional(),
    /** Matter types it applies to; empty means every matter. */
    matters: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    // A punishment needs records to rest on (and to be suspended by an objection); a clean history only grants.
    const conditions = 'anyOf' in m.when ? m.when.anyOf : [m.when];
    if (m.kind === 'punishment' && conditions.some((c) => 'cleanYears' in c))
      ctx.addIssue({ code: 'custom', path: ['when'], message: 'a punishment must rest on records (anyRecord), not on cleanYears' });
  });

export const calendarOverrides = z.object({
  /** Days off that the national calendar data does not know (e.g. a new year's holidays before the library ships them). */
  holidays: z.array(isoDate).default([]),
  /** Weekend days that are working days (调休) the national calendar data does not know. */
  workdays: z.array(isoDate).default([]),
  /** Years whose holidays this file states completely (so the calendar check stops warning about them). */
  completeYears: z.array(z.number().int().min(2000).max(2100)).default([]),
});

/**
 * Every measure names matter types of its own county. Checked on the raw file before its shape, so a
 * measure bound to an unknown matter is reported as that even while the rest of the measure is incomplete.
 */
const measureMattersExist = z.unknown().superRefine((raw, ctx) => {
  if (!raw || typeof raw !== 'object') return;
  const { matterTypes, measures } = raw as { matterTypes?: unknown; measures?: unknown };
  if (!Array.isArray(matterTypes) || !Array.isArray(measures)) return;
  const ids = new Set(matterTypes.map((m: unknown) => (m && typeof m === 'object' ? (m as { id?: unknown }).id : undefined)));
  measures.forEach((m: unknown, i) => {
    const matters = m && typeof m === 'object' ? (m as { matters?: unknown }).matters : undefined;
    if (!Array.isArray(matters)) return;
    matters.forEach((matter: unknown, j) => {
      if (typeof matter === 'string' && !ids.has(matter))
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'matters', j], message: `unknown matter type "${matter}"` });
    });
  });
});

/**
 * Objections (异议) and credit repair (信用修复) cases: the provider answers within
 * `deadlines.objectionAnswerWorkingDays`; reminders go out before, escalations after.
 */
export const casePolicy = z
  .object({
    /** Working days before the answer day on which the provider is reminded. */
    reminderWorkingDaysBefore: z.array(workingDays).default([5, 1]),
    /** After the answer day, the provider and the credit office are reminded every N working days until it answers. */
    escalationEveryWorkingDays: workingDays.default(5),
    /**
     * Records whose punishments stay in force while an objection to them is verified, with the rule that
     * keeps them (Kunming 003 §二(五) suspends joint punishment during verification; a court's own list
     * follows the court's rules).
     */
    keepPunishmentsDuringObjection: z
      .array(z.object({ match: recordMatch, reason: z.string().min(1), clause: ruleSource }).strict())
      .default([]),
    /**
     * Black lists whose entries a subject may ask to leave by credit repair, and after how many months from
     * the listing decision (each with where it comes from); an entry of another list is not repairable.
     * Default: the platform's reading of order 36 (shared/config/list-repair-rules.ts).
     */
    repairableLists: z
      .array(
        z
          .object({
            listNames: z.array(z.string().refine(isBlackListName, { error: (issue) => `unknown black list "${String(issue.input)}" (known: ${Object.keys(blackListNames).join(', ')})` })).min(1),
            minMonths: z.number().int().min(0).max(60),
            clause: ruleSource,
            minMonthsClause: ruleSource,
          })
          .strict()
          .transform((rule) => rule as ListRepairRule),
      )
      .default(platformListRepairRules)
      .superRefine((rules, ctx) => {
        const seen = new Set<BlackListName>();
        rules.forEach((rule, i) =>
          rule.listNames.forEach((name, j) => {
            if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'listNames', j], message: `list "${name}" is named by two repair rules` });
            seen.add(name);
          }),
        );
      }),
    /** Records credit repair does not take off, each with why (in Chinese, as the subject is told) and the rule. */
    notRepairable: z
      .array(
        z
          .object({ match: recordMatch, reason: z.string().min(1), clause: ruleSource })
          .strict()
          .superRefine((rule, ctx) => {
            if (!['blackList', 'dishonestDebtor', 'redList'].includes(rule.match.kind))
              ctx.addIssue({ code: 'custom', path: ['match', 'kind'], message: 'only list kinds (blackList, redList, dishonestDebtor) are named here: other kinds follow their publicity rules' });
          })
          .transform((rule) => rule as NotRepairableRule),
      )
      .default(platformNotRepairable),
    /** Evidence files a subject may attach to an objection or repair application. */
    maxEvidenceFiles: z.number().int().min(0).max(20).default(5),
    maxEvidenceBytes: z.number().int().positive().max(100 * 1024 * 1024).default(20 * 1024 * 1024),
  })
  .strict();
export type CasePolicy = z.output<typeof casePolicy>;

/**
 * Throttling of the county's HTTP API, applied by API Gateway to each route of the default stage (a token
 * bucket per route: `rateLimit` requests per second refill it, `burstLimit` is its size) and by the local
 * gateway the same way. Above it, callers get 429. The account's regional limit (10,000/s, burst 5,000)
 * caps both.
 */
export const apiThrottle = z
  .object(
    {
      rateLimit: z
        .number({ error: 'must be the steady rate, in requests per second per route' })
        .positive('must be the steady rate, in requests per second per route (more than 0)')
        .max(10_000, "must be at most 10000 requests per second (API Gateway's regional account limit)"),
      burstLimit: z
        .number({ error: 'must be the burst, in requests per route' })
        .int('must be a whole number of requests')
        .min(1, 'must allow at least 1 request')
        .max(5_000, "must be at most 5000 requests (API Gateway's regional account burst)"),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must state { "rateLimit": requests per second, "burstLimit": requests }' : undefined) },
  )
  .strict();
export type ApiThrottle = z.output<typeof apiThrottle>;

/**
 * How many subjects one batch check (POST /checks/batch) may name: a tender's bidders, a list of applicants.
 * No notice sets a number; the platform's default, with its reason, unless the county states its own.
 */
export const batchCheckSettings = z
  .object({ maxSubjects: z.number().int().min(1).max(1000), source: ruleSource })
  .strict();
export const defaultBatchCheck = {
  maxSubjects: 200,
  source: {
    platformDefault:
      '通知未规定批量核查的主体数量。平台默认每批最多 200 个主体：足以覆盖一次招标的全部投标人，且一批在 API 的 29 秒时限内完成。/ No notice sets a number: 200 subjects cover the bidders of a tender, and a batch finishes within the API’s 29-second limit.',
  },
};

/**
 * Commitments taken at the point of approval (信用承诺): the modes a county offers for which matter types, each
 * with its clause. `notification` 告知承诺 (the department decides on the subject's promise and checks later),
 * `tolerance` 容缺受理 (a missing document promised by a day), `written` 信用承诺 (the written promise a
 * department may require under its notice). A county whose notice offers none lists none.
 */
export const commitmentModes = ['notification', 'tolerance', 'written'] as const;
export type CommitmentMode = (typeof commitmentModes)[number];
export const commitmentModeLabels: Record<CommitmentMode, string> = { notification: '告知承诺', tolerance: '容缺受理承诺', written: '信用承诺' };
export const commitmentSettings = z
  .object({
    offered: z
      .array(z.object({ mode: z.enum(commitmentModes), matterTypes: z.array(z.string().min(1)).min(1), clause: ruleSource }).strict())
      .default([]),
    /** How many working days before a commitment's due day the department is reminded to follow it up. */
    reminderWorkingDays: z
      .object({ days: z.number().int().min(1).max(60), source: ruleSource })
      .strict()
      .default({
        days: 3,
        source: {
          platformDefault:
            '通知未规定信用承诺的跟踪提醒时间。平台默认在承诺期限前 3 个工作日提醒作出决定的部门核查履约情况，期满未登记核查结果的，告知该部门和信用办。/ No notice sets when a commitment is followed up: the department is reminded 3 working days before the due day; past it without a result, the department and the credit office are told.',
        },
      }),
  })
  .strict();
export type CommitmentSettings = z.output<typeof commitmentSettings>;

/**
 * Coverage (shared/coverage): how long before a matter's decision a check of its subject still counts as the
 * check of that matter. No notice sets it; the platform's default, with its reason, unless the county states its own.
 */
export const coverageSettings = z
  .object({ checkLookbackDays: z.object({ days: z.number().int().min(0).max(366), source: ruleSource }).strict() })
  .strict();
export type CoverageSettings = z.output<typeof coverageSettings>;
export const defaultCoverage: CoverageSettings = {
  checkLookbackDays: {
    days: 30,
    source: {
      platformDefault:
        '通知未规定核查与办结之间可相隔多久。平台默认 30 日：行政许可法第四十二条规定自受理之日起 20 日内作出决定，可延长 10 日；受理时所作核查在办结前 30 日内均计为该办件的核查。/ No notice says how long before a decision a check still counts: the Administrative Licensing Law art. 42 gives 20 days from acceptance, extendable by 10, so a check at acceptance up to 30 days before the decision counts.',
    },
  },
};

export const apiSettings = z
  .object(
    { throttle: apiThrottle, batchCheck: batchCheckSettings.default(defaultBatchCheck) },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must state the API throttle: { "throttle": { "rateLimit": …, "burstLimit": … } }' : undefined) },
  )
  .strict();

/** A number of days with where it comes from (`ruleSource`: the notice's clause, another instrument, or the platform's default with the reason). */
const statedDays = z.object({ days: z.number().int().positive().max(366), source: ruleSource }).strict();

/** Public notices (通报) of the county: `GET /public/notices` lists a notice for `publicListingDays.days` days from its date (that day included). */
export const noticeSettings = z
  .object(
    { publicListingDays: statedDays },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must state how long a public notice stays listed: { "publicListingDays": { "days": …, "source": { "notice", "clause", "quote" } or { "platformDefault": … } } }' : undefined) },
  )
  .strict();
export type NoticeSettings = z.output<typeof noticeSettings>;

/**
 * What the county counts as a minor penalty (轻微失信信息, NDRC order 2025 No. 36, in force from 2026-04-01:
 * minor dishonesty information is in principle not published): a fine at most `maxFineYuan` for a person (a
 * natural person or an individual business) or an organisation, with no heavier category beside it. The
 * amounts are the county's data, with their source (the national default is the summary-procedure limit of the
 * Administrative Penalty Law, art. 51: 200 yuan for a citizen, 3,000 yuan for an organisation).
 */
export const minorPenaltySettings = z
  .object({
    maxFineYuan: z.object({ person: z.number().min(0).max(1e9), organisation: z.number().min(0).max(1e9) }).strict(),
    source: ruleSource,
  })
  .strict();

export const publicationSettings = z
  .object(
    { minorPenalty: minorPenaltySettings },
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'must state what counts as a minor penalty: { "minorPenalty": { "maxFineYuan": { "person": …, "organisation": … }, "source": { … } } }'
          : undefined,
    },
  )
  .strict();
export type PublicationSettings = z.output<typeof publicationSettings>;

const countyFields = z
  .object({
    /** Stack and file name: lower-case ASCII (e.g. `jiaxian`). */
    id: z.string().regex(/^[a-z][a-z0-9]{1,30}$/, 'must be lower-case ASCII letters and digits'),
    /** Administrative division code (GB/T 2260), e.g. 410425. */
    divisionCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit administrative division code'),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    siteName: z.string().min(1),
    creditOfficeName: z.string().min(1),
    timeZone: z.literal('Asia/Shanghai'),
    deadlines: z.object({
      publicationWorkingDays: workingDays,
      objectionAnswerWorkingDays: workingDays,
      reportValidityMonths: z.number().int().positive().max(maxReportValidityMonths),
      reportExpiryWarningDays: z.number().int().positive().max(365).default(30),
    }),
    usageList: usageListCadence,
    deadlineClauses,
    matterTypes: z.array(matterType).min(1),
    measures: z.array(measure).default([]),
    calendar: calendarOverrides.default({ holidays: [], workdays: [], completeYears: [] }),
    /**
     * Sizes of what is uploaded: a report's PDF; a spreadsheet to import, and how many of its rows one invocation
     * of the ingest stores before it hands on to the next (it also hands on when its time runs short).
     */
    uploads: z
      .object({
        maxReportBytes: z.number().int().positive().max(5 * 1024 * 1024 * 1024),
        maxImportBytes: z.number().int().positive().max(5 * 1024 * 1024 * 1024).default(200 * 1024 * 1024),
        importRowsPerInvocation: z.number().int().min(10).max(1_000_000).default(50_000),
      })
      .default({ maxReportBytes: 20 * 1024 * 1024, maxImportBytes: 200 * 1024 * 1024, importRowsPerInvocation: 50_000 }),
    cases: casePolicy.default(casePolicy.parse({})),
    commitments: commitmentSettings.default({ offered: [], reminderWorkingDays: commitmentSettings.shape.reminderWorkingDays.parse(undefined) }),
    /** Narrative filings (工作总结, 制度、政策和措施) the notice asks of departments, each with its clause (shared/config/filing-kinds.ts). */
    filings: filingSettingsSchema(ruleSource).default({ kinds: [], source: noFilingsAsked, maxDocumentBytes: 20 * 1024 * 1024 }),
    coverage: coverageSettings.default(defaultCoverage),
    /** The office's assessment (考核) and monthly bulletin (月通报): weights and days as data, each with its clause (shared/config/supervision-settings.ts). */
    assessment: assessmentSettingsSchema(ruleSource).default(defaultAssessment as never),
    bulletins: bulletinSettingsSchema(ruleSource).default(defaultBulletins as never),
    /** The national lists the county takes into checks (shared/config/national-list-settings.ts, docs/exchange.md). */
    nationalLists: nationalListSettingsSchema(ruleSource).default(defaultNationalLists as never),
    /** Where records go upstream (docs/exchange.md): each destination with its clause (shared/config/exchange-settings.ts). */
    exchange: exchangeSettingsSchema(ruleSource).default(defaultExchange as never),
    /** The usage log's signed heads: how often at least (shared/config/usage-log-settings.ts, docs/usage-log.md). */
    usageLog: usageLogSettingsSchema(ruleSource).default(defaultUsageLog as never),
    api: apiSettings,
    notices: noticeSettings,
    publication: publicationSettings,
    /** Where the notices say the rules come from. */
    sources: z.array(z.object({ document: z.string().min(1), title: z.string().min(1) })).min(1),
  })
  .strict()
  .superRefine((county, ctx) => {
    const ids = new Set<string>();
    county.matterTypes.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['matterTypes', i, 'id'], message: `duplicate matter type "${m.id}"` });
      ids.add(m.id);
    });
    const measureIds = new Set<string>();
    county.measures.forEach((m, i) => {
      if (measureIds.has(m.id)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'id'], message: `duplicate measure "${m.id}"` });
      measureIds.add(m.id);
    });
    county.commitments.offered.forEach((o, i) =>
      o.matterTypes.forEach((m, j) => {
        if (!ids.has(m)) ctx.addIssue({ code: 'custom', path: ['commitments', 'offered', i, 'matterTypes', j], message: `"${m}" is not one of the county's matter types` });
      }),
    );
    if (county.usageList.summaries.length > 0 && !county.deadlineClauses['usageList.summaries'])
      ctx.addIssue({ code: 'custom', path: ['deadlineClauses', 'usageList.summaries'], message: 'must say where the summaries come from' });
    // A clause "of the notice" is of this county's notice; a rule from another county's notice is another instrument.
    const ownNotices = county.sources.map((s) => s.document);
    const cited: [PropertyKey[], RuleSource | undefined][] = [
      ...county.matterTypes.map((m, i): [PropertyKey[], RuleSource] => [['matterTypes', i, 'clause'], m.clause]),
      ...county.measures.flatMap((m, i): [PropertyKey[], RuleSource | undefined][] => [
        [['measures', i, 'clause'], m.clause],
        [['measures', i, 'whenClause'], m.whenClause],
      ]),
      ...Object.entries(county.deadlineClauses).map(([k, c]): [PropertyKey[], RuleSource | undefined] => [['deadlineClauses', k], c]),
      ...county.cases.keepPunishmentsDuringObjection.map((r, i): [PropertyKey[], RuleSource] => [['cases', 'keepPunishmentsDuringObjection', i, 'clause'], r.clause]),
      ...county.cases.repairableLists.flatMap((r, i): [PropertyKey[], RuleSource][] => [
        [['cases', 'repairableLists', i, 'clause'], r.clause],
        [['cases', 'repairableLists', i, 'minMonthsClause'], r.minMonthsClause],
      ]),
      ...county.cases.notRepairable.map((r, i): [PropertyKey[], RuleSource] => [['cases', 'notRepairable', i, 'clause'], r.clause]),
      ...county.commitments.offered.map((o, i): [PropertyKey[], RuleSource] => [['commitments', 'offered', i, 'clause'], o.clause]),
      [['filings', 'source'], county.filings.source],
      ...county.filings.kinds.flatMap((k, i): [PropertyKey[], RuleSource | undefined][] => [
        [['filings', 'kinds', i, 'source'], k.source],
        [['filings', 'kinds', i, 'dueSource'], k.dueSource],
      ]),
      [['assessment', 'source'], county.assessment.source],
      [['assessment', 'weightsSource'], county.assessment.weightsSource],
      [['bulletins', 'source'], county.bulletins.source],
      [['bulletins', 'draftDay', 'source'], county.bulletins.draftDay.source],
      [['bulletins', 'publicSite', 'source'], county.bulletins.publicSite.source],
      [['bulletins', 'reportedTo', 'source'], county.bulletins.reportedTo?.source],
      ...county.nationalLists.sources.map((n, i): [PropertyKey[], RuleSource] => [['nationalLists', 'sources', i, 'clause'], n.clause]),
      [['nationalLists', 'staleAfterDays', 'source'], county.nationalLists.staleAfterDays.source],
      [['exchange', 'source'], county.exchange.source],
      [['usageLog', 'source'], county.usageLog.source],
      ...county.exchange.destinations.map((d, i): [PropertyKey[], RuleSource] => [['exchange', 'destinations', i, 'source'], d.source]),
    ];
    for (const [path, source] of cited)
      if (source && 'notice' in source && !ownNotices.includes(source.notice))
        ctx.addIssue({ code: 'custom', path: [...path, 'notice'], message: `must be the county's own notice (${ownNotices.join(', ')})` });
  });

export const countyConfig = measureMattersExist.pipe(countyFields);

export type CountyConfig = z.infer<typeof countyConfig>;
export type CountyConfigInput = z.input<typeof countyFields>;

export class CountyConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${file}: ${field || '(root)'}: ${rule}`);
    this.name = 'CountyConfigError';
  }
}

/** Validates one county file's content; the error names the file, the field and the rule. */
export function parseCountyConfig(raw: unknown, file: string): CountyConfig {
  const result = countyConfig.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new CountyConfigError(file, issue.path.join('.'), issue.message);
}
