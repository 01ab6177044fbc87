import * as z from 'zod';
import { calendarDate } from '../calendar/date-schema.ts';
import { nameText } from '../http/input-text.ts';
import { organisationId } from '../http/common-schemas.ts';
import { subjectIdSchema, usccSchema } from '../subjects/subject-id.ts';

export const agencyStatuses = ['active', 'suspended', 'revoked'] as const;
export type AgencyStatus = (typeof agencyStatuses)[number];
export const reportTypes = ['comprehensive', 'special'] as const;

const orgId = organisationId;

export const registerAgencyBody = z
  .object({
    agencyId: orgId.describe('The organisation id the agency’s tokens carry'),
    name: nameText(200),
    uscc: usccSchema,
    filingNumber: nameText(100).describe('备案编号: filing number of the credit service agency'),
    filingAuthority: nameText(200).describe('备案机关'),
  })
  .strict();

export const agencyParams = z.object({ id: orgId });
export const updateAgencyBody = z.object({ status: z.enum(agencyStatuses), reason: z.string().trim().min(1).max(500) }).strict();

export const agencyBody = z
  .looseObject({
    agencyId: z.string(),
    name: z.string(),
    uscc: z.string(),
    filingNumber: z.string(),
    filingAuthority: z.string(),
    status: z.enum(agencyStatuses),
  })
  .meta({ id: 'Agency' });
export const agencyListBody = z.object({ agencies: z.array(agencyBody) });

export const createUploadBody = z
  .object({
    subjectId: subjectIdSchema,
    reportNumber: nameText(100).describe("The agency's own report number, unique per agency"),
    reportType: z.enum(reportTypes),
    issueDate: calendarDate({ notAfterToday: true }).describe('Date of issue, not after today'),
    rating: nameText(20).describe('信用等级'),
    riskWarning: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();

export const createUploadResult = z.object({
  uploadId: z.string(),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }).describe('POST the PDF as multipart/form-data with these fields, the file last'),
  expiresAt: z.string(),
  key: z.string(),
});

export const uploadParams = z.object({ id: z.string().regex(/^upl_[A-Za-z0-9_-]{22}$/, 'must be an upload id (upl_ and 22 characters)') });
export const uploadStateBody = z.object({
  uploadId: z.string(),
  state: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.string().optional(),
  reportId: z.string().optional(),
});

export const reportParams = z.object({ id: z.string().regex(/^rpt_[A-Za-z0-9_-]{22}$/, 'must be a report id (rpt_ and 22 characters)') });
export const voidReportBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const reportBody = z
  .looseObject({
    reportId: z.string(),
    agencyId: z.string(),
    reportNumber: z.string(),
    reportType: z.enum(reportTypes),
    issueDate: z.string(),
    validUntil: z.string(),
    rating: z.string(),
    status: z.enum(['valid', 'expired', 'voided']),
    download: z.object({ url: z.string(), expiresAt: z.string() }).optional(),
  })
  .meta({ id: 'Report' });

export const subjectReportsBody = z.object({ subjectId: z.string(), reports: z.array(reportBody) });
