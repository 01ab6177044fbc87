import * as z from 'zod';
import { roles } from '../identity/roles.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
      message: z.string(),
      field: z.string().optional().describe('The request field that broke the rule'),
      problems: z
        .array(z.object({ row: z.number().int(), column: z.string(), rule: z.string() }))
        .optional()
        .describe('A file refused as a whole (e.g. NATIONAL_LIST_FILE_REFUSED): every problem by row (the header is row 1) and column'),
    }),
  })
  .meta({ id: 'Error' });

/** shared/subjects/code-warnings.ts `FieldWarning`: an answer carries `warnings` only when it has one. */
export const fieldWarningBody = z
  .object({
    field: z.string().describe('The request field the warning is about, e.g. body.subject.uscc'),
    code: z.enum(['USCC_ORGANISATION_CODE_CHECK']).describe('Stable code: characters 9–17 of the USCC fail the GB 11714 check'),
    message: z.string(),
  })
  .meta({ id: 'FieldWarning' });
export const warningsBody = z
  .array(fieldWarningBody)
  .optional()
  .describe('Accepted values a person should look at (present only when there is one): the request succeeded');

export const callerBody = z
  .object({
    role: z.enum(roles),
    orgId: z.string().describe('The organisation the caller acts for; a person: its own ID number masked (never the number, nor its look-up key)'),
    displayOrgId: z.string().optional().describe('A person: its own ID number, masked'),
    county: z.string(),
    userId: z.string(),
  })
  .meta({ id: 'Caller' });

/** Organisation ids as tokens carry them (departments, agencies): kebab-case ASCII, e.g. `dept-finance`. */
export const organisationId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be a kebab-case organisation id').max(64);
