import { triggerOf } from '../../shared/departments/functions.ts';
import { registerDepartment } from '../../shared/departments/register-department.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('register-department'), async ({ body, now }) => {
  const { status, department } = await registerDepartment(body, now);
  return { status, body: department };
});
