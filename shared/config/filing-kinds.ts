import * as z from 'zod';
import type { RuleSource } from './county-config.ts';

/**
 * The narrative filings a county's notice asks of its departments (工作总结, 制度、政策和措施), as data in the
 * county file (`filings`): what each contains, when it falls due, and the clause that asks for it. Pure schema;
 * the due-day arithmetic is `shared/filings/filing-periods.ts`.
 *
 * A kind falls due
 * - on fixed days of the year (`fixed`): each date names its period code, e.g. Lianjiang's summaries `H1` by
 *   07-15 and `H2` by 12-15 (period ids `2026-H1`, `2026-H2`);
 * - after each quarter (`quarterly`, `2026-Q3`) or month (`monthly`, `2026-11`), by `dueDay` of the month after.
 * A due day that is not a working day moves to the next working day (Civil Code Art. 203).
 */
export const filingPeriodCode = z.string().regex(/^[A-Z][A-Z0-9]{0,3}$/, 'must be a short upper-case code such as H1 (the period id is YYYY-<code>)');
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'must be MM-DD')
  .refine((s) => {
    const [m, d] = s.split('-').map(Number) as [number, number];
    // A day every year has: 02-29 is refused (a due day must exist each year).
    return m >= 1 && m <= 12 && d >= 1 && d <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  }, 'must be a day every year has (MM-DD, not 02-29)');

export const filingDue = z.discriminatedUnion(
  'cadence',
  [
    z
      .object({
        cadence: z.literal('fixed'),
        dates: z.array(z.object({ period: filingPeriodCode, name: z.string().min(1), monthDay }).strict()).min(1),
      })
      .strict(),
    z.object({ cadence: z.literal('quarterly'), dueDay: z.number().int().min(1).max(28) }).strict(),
    z.object({ cadence: z.literal('monthly'), dueDay: z.number().int().min(1).max(28) }).strict(),
  ],
  { error: () => 'must state { "cadence": "fixed", "dates": [{ "period", "name", "monthDay" }] } or { "cadence": "quarterly" | "monthly", "dueDay": 1…28 }' },
);
export type FilingDue = z.output<typeof filingDue>;

/** Schema of a filing kind; `ruleSource` is passed in so this kernel file needs nothing of the county schema but its type. */
export const filingKindSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case kebab-case'),
      name: z.string().min(1),
      /** What the document holds, in Chinese, as the department is told. */
      contains: z.string().min(1),
      due: filingDue,
      /** Working days before the due day from which a department that has not filed is reminded. */
      reminderWorkingDays: z.number().int().min(1).max(30).default(3),
      /** The clause that asks for the filing (and its due days, unless `dueSource` says otherwise). */
      source: ruleSource,
      /** Where the due day comes from when `source` states none (e.g. Wuchang's "每季度", no day: the platform's default). */
      dueSource: ruleSource.optional(),
    })
    .strict()
    .superRefine((kind, ctx) => {
      if (kind.due.cadence !== 'fixed') return;
      const seen = new Set<string>();
      kind.due.dates.forEach((d, i) => {
        if (seen.has(d.period)) ctx.addIssue({ code: 'custom', path: ['due', 'dates', i, 'period'], message: `period code "${d.period}" is named twice` });
        seen.add(d.period);
      });
    });

export const defaultMaxFilingBytes = 20 * 1024 * 1024;

export const filingSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      kinds: z.array(filingKindSchema(ruleSource)),
      /** Where the county's list comes from: the notice's clause, or (none asked) the platform's reading of it. */
      source: ruleSource,
      /** The largest document a department may file. */
      maxDocumentBytes: z.number().int().positive().max(200 * 1024 * 1024).default(defaultMaxFilingBytes),
    })
    .strict()
    .superRefine((settings, ctx) => {
      const ids = new Set<string>();
      settings.kinds.forEach((k, i) => {
        if (ids.has(k.id)) ctx.addIssue({ code: 'custom', path: ['kinds', i, 'id'], message: `duplicate filing kind "${k.id}"` });
        ids.add(k.id);
      });
    });

export const noFilingsAsked: RuleSource = {
  platformDefault: '县文件未列出书面报送材料：通知未要求各部门按期报送工作总结或制度、政策和措施。/ The county file lists no narrative filing.',
};
