import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { consentIdPattern, consentPurposeCategories } from './consent.ts';
import { recordKinds } from '../config/record-kinds.ts';
import { subjectIdSchema, usccSchema } from '../subjects/subject-id.ts';

const consentId = z.string().regex(consentIdPattern, 'must be a consent id (con_ and 22 characters)');
const recordKind = z.enum(recordKinds);
const kindList = z
  .array(recordKind)
  .min(1, 'must name at least one record kind (leave it out for every kind)')
  .max(recordKinds.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'must not repeat a record kind');

const purpose = z
  .object({
    category: z.enum(consentPurposeCategories).describe('loan 贷款融资, contract 经济合同, tender 招标投标, recruitment 招聘用工, lease 租赁, other 其他'),
    text: z.string().trim().min(1, 'must say what the consent is for').max(500),
  })
  .strict();

const scope = z
  .object({
    records: z.boolean().describe("The subject's credit records in force, public or not yet public"),
    reports: z.boolean().describe("The subject's valid credit reports (their details, not the PDF)"),
    kinds: kindList.optional().describe('Only records of these kinds; absent: every kind. Only with records'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.records && !s.reports) ctx.addIssue({ code: 'custom', path: ['records'], message: 'a consent covers records, reports or both' });
    if (s.kinds !== undefined && !s.records) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'is only allowed when records are covered' });
  });

export const createConsentBody = z
  .object({
    grantee: usccSchema.describe('统一社会信用代码 of the bank, company or other organisation the consent is granted to'),
    purpose,
    scope,
    expiresOn: isoDate.describe('The last day the consent may be used: from today to one year ahead (county-local)'),
  })
  .strict();

export const consentParams = z.object({ id: consentId });

export const listConsentsQuery = z.object({
  subjectId: subjectIdSchema.optional().describe('Credit office: the consents one subject granted'),
  grantee: usccSchema.optional().describe('Credit office: the consents granted to one institution'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

export const runQueryBody = z
  .object({
    subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number of the subject that consented'),
    consentId,
    purpose: z.string().trim().min(1, 'must say what the query is for').max(500).describe('The business this query serves, e.g. a loan application number'),
    scope: z
      .object({ records: z.boolean().optional(), reports: z.boolean().optional(), kinds: kindList.optional() })
      .strict()
      .optional()
      .describe("Part of the consent's scope; absent: all of it. Asking beyond it is 403 OUT_OF_SCOPE"),
  })
  .strict();

export const consentBody = z
  .object({
    consentId: z.string(),
    status: z.enum(['live', 'revoked', 'expired']).describe('As of today (county-local)'),
    subject: z.object({ id: z.string().describe("A USCC, or a person's ID number masked (first 6, last 4): a consent never holds the number, and no answer its look-up key"), type: z.enum(['uscc', 'residentId']) }),
    grantee: z.object({ id: z.string(), name: z.string().nullable() }),
    purpose: z.object({ category: z.enum(consentPurposeCategories), categoryLabel: z.string(), text: z.string() }),
    scope: z.object({ records: z.boolean(), reports: z.boolean(), kinds: z.array(recordKind).optional() }),
    expiresOn: isoDate,
    grantedAt: z.string(),
    revoked: z.object({ at: z.string(), on: isoDate }).optional(),
  })
  .meta({ id: 'Consent' });

export const consentListBody = z.object({ consents: z.array(consentBody), nextToken: z.string().optional() });

export const queryResultBody = z
  .object({
    queryId: z.string().describe('The usage-log entry of this query: the subject sees it in GET /me/checks'),
    queriedAt: z.string(),
    subject: z.object({ id: z.string().describe('Resident ID numbers masked'), type: z.enum(['uscc', 'residentId']), name: z.string().nullable() }),
    consent: consentBody,
    scope: z.object({ records: z.boolean(), reports: z.boolean(), kinds: z.array(recordKind).optional() }).describe('What this query read'),
    records: z.array(z.unknown()).describe('The records in force within the scope, newest decision first, resident IDs masked'),
    reports: z.array(z.unknown()).describe('Valid credit reports within the scope: their details (no download link)'),
  })
  .meta({ id: 'ConsentedQuery' });

export const myCheckBody = z
  .object({
    checkId: z.string(),
    kind: z.enum(['check', 'query']).describe("check: a department's credit check for a matter; query: an institution's consented query"),
    at: z.string(),
    on: isoDate,
    by: z.object({ orgId: z.string(), role: z.enum(['department', 'institution']), name: z.string().nullable(), system: z.string().optional().describe("The department's system that ran the check (a machine client), when not a person") }),
    matter: z.object({ type: z.string(), typeName: z.string(), reference: z.string(), name: z.string() }).describe('The matter of a check; for a query, its purpose'),
    consentId: z.string().optional(),
    refused: z.object({ code: z.string(), at: z.string() }).optional().describe('A query refused for want of a live consent covering it: nothing was shown'),
    records: z.array(z.object({ recordId: z.string(), version: z.number(), kind: z.string(), decisionNumber: z.string() })),
    reports: z.array(z.object({ reportId: z.string(), reportNumber: z.string(), agencyId: z.string() })),
    outcome: z.object({ decision: z.string(), appliedMeasures: z.array(z.unknown()), recordedAt: z.string() }).nullable(),
  })
  .meta({ id: 'WhoLookedAtMe' });

export const myChecksQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

export const myChecksBody = z.object({ checks: z.array(myCheckBody), nextToken: z.string().optional() });

/** A consent's id, as other capabilities' schemas name it. */
export { consentIdPattern };
