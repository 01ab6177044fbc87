import { z } from 'zod';

/** A calendar date written as YYYY-MM-DD, in the county's time zone. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

const workingDays = z.number().int().positive().max(365);

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

export const matterType = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case kebab-case'),
  name: z.string().min(1),
});

/** A measure applied because of a subject's credit: an incentive (守信激励) or a punishment (失信惩戒). */
export const measure = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case kebab-case'),
  kind: z.enum(['incentive', 'punishment']),
  name: z.string().min(1),
  /** Record kinds that trigger it; filled by the records-and-checks work. */
  triggers: z.array(z.string().min(1)).default([]),
  /** Matter types it applies to; empty means every matter. */
  matters: z.array(z.string().min(1)).default([]),
  basis: z.string().min(1).optional(),
});

export const calendarOverrides = z.object({
  /** Days off that the national calendar data does not know (e.g. a new year's holidays before the library ships them). */
  holidays: z.array(isoDate).default([]),
  /** Weekend days that are working days (调休) the national calendar data does not know. */
  workdays: z.array(isoDate).default([]),
  /** Years whose holidays this file states completely (so the calendar check stops warning about them). */
  completeYears: z.array(z.number().int().min(2000).max(2100)).default([]),
});

export const countyConfig = z
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
      reportValidityMonths: z.number().int().positive().max(60),
      reportExpiryWarningDays: z.number().int().positive().max(365).default(30),
    }),
    usageList: usageListCadence,
    matterTypes: z.array(matterType).min(1),
    measures: z.array(measure).default([]),
    calendar: calendarOverrides.default({ holidays: [], workdays: [], completeYears: [] }),
    uploads: z
      .object({ maxReportBytes: z.number().int().positive().max(5 * 1024 * 1024 * 1024) })
      .default({ maxReportBytes: 20 * 1024 * 1024 }),
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
    county.measures.forEach((m, i) =>
      m.matters.forEach((matter, j) => {
        if (!ids.has(matter))
          ctx.addIssue({ code: 'custom', path: ['measures', i, 'matters', j], message: `unknown matter type "${matter}"` });
      }),
    );
  });

export type CountyConfig = z.infer<typeof countyConfig>;
export type CountyConfigInput = z.input<typeof countyConfig>;

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
