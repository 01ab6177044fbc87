import { z } from 'zod';
import { roles } from '../identity/roles.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
      message: z.string(),
      field: z.string().optional().describe('The request field that broke the rule'),
    }),
  })
  .meta({ id: 'Error' });

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
