import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { consentIdPattern } from '../consents/api.ts';
import { reportSections } from './report-sections.ts';
import { parseVerificationCode } from './verification-code.ts';

/** GET /subjects/{subjectId}/report.pdf: an institution names the consent it reads under. */
export const creditReportQuery = z.object({
  consentId: z
    .string()
    .regex(consentIdPattern, 'must be a consent id (con_ and 22 characters)')
    .optional()
    .describe("An institution's consent from the subject covering its records (required for an institution; the subject and the credit office need none)"),
});

export const creditReportFileBody = z
  .string()
  .describe('The report: application/pdf, as an attachment; the header x-report-verification-code carries its verification code');

/** A verification code as typed: hyphens, spaces and case do not matter; answered in its stored form. */
export const reportVerificationParams = z.object({
  code: z
    .string()
    .max(40, 'must be a report verification code (16 characters, e.g. 7K3M-Q9XD-2B8F-WT4N)')
    .transform((typed, ctx) => {
      const code = parseVerificationCode(typed);
      if (code === undefined) ctx.addIssue({ code: 'custom', message: 'must be a report verification code (16 characters, e.g. 7K3M-Q9XD-2B8F-WT4N)' });
      return code ?? z.NEVER;
    }),
});

export const reportVerificationBody = z
  .object({
    code: z.string().describe('The verification code, grouped as printed'),
    genuine: z.literal(true),
    subject: z.object({ name: z.string(), id: z.string().describe("USCC, or a person's ID number masked"), type: z.enum(['uscc', 'residentId']) }),
    generatedAt: z.string(),
    generatedOn: isoDate,
    flags: z.object({ incentiveObject: z.boolean(), punishmentObject: z.boolean() }),
    sections: z.array(z.object({ id: z.enum(reportSections.map((s) => s.id) as [string, ...string[]]), heading: z.string(), count: z.number().int() })),
    nationalLists: z
      .object({ count: z.number().int(), sources: z.array(z.object({ source: z.string(), name: z.string(), listDate: z.string().nullable(), stale: z.boolean() })) })
      .optional()
      .describe('The national list entries the report showed, and the list date (数据日期) of each list it read'),
    sha256: z.string().describe('SHA-256 of the PDF as it was sent (hex)'),
    bytes: z.number().int(),
    pages: z.number().int(),
  })
  .meta({ id: 'ReportVerification' });
