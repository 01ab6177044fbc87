import type { z } from 'zod';
import type { registerDepartmentBody } from './api.ts';
import { conflict } from '../errors/domain-errors.ts';
import { putDepartment } from './department-store.ts';

/**
 * POST /departments: the credit office registers a department (201) or renames a registered one (200).
 * An id that belongs to another kind of organisation (an agency, the credit office) is 409.
 */
export async function registerDepartment(body: z.output<typeof registerDepartmentBody>, now: Date) {
  const result = await putDepartment(body.orgId, body.name, now);
  if (result.outcome === 'otherRole') throw conflict(`organisation ${body.orgId} is registered, but not as a department`, 'body.orgId');
  return { status: result.outcome === 'created' ? 201 : 200, department: result.department! };
}
