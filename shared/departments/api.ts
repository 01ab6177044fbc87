import * as z from 'zod';
import { nameText } from '../http/input-text.ts';
import { organisationId } from '../http/common-schemas.ts';

/** A department's organisation id, as its tokens carry it. */
export const departmentOrgId = organisationId;

export const registerDepartmentBody = z
  .object({
    orgId: departmentOrgId.describe('The organisation id the department’s tokens carry'),
    name: nameText(100).describe('单位: the name shown on its usage lists and notices'),
  })
  .strict();

export const departmentBody = z
  .object({
    orgId: z.string(),
    name: z.string(),
    registeredAt: z.string().optional(),
    renamedAt: z.string().optional(),
  })
  .meta({ id: 'Department' });
export const departmentListBody = z.object({ departments: z.array(departmentBody) });
