import { z } from 'zod';

/** Organisation ids as tokens carry them: kebab-case ASCII (e.g. `dept-finance`). */
export const departmentOrgId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be a kebab-case organisation id').max(64);

export const registerDepartmentBody = z
  .object({
    orgId: departmentOrgId.describe('The organisation id the department’s tokens carry'),
    name: z.string().trim().min(1).max(100).describe('单位: the name shown on its usage lists and notices'),
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
