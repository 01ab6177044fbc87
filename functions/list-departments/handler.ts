import { triggerOf } from '../../shared/departments/functions.ts';
import { listDepartments } from '../../shared/departments/department-store.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-departments'), async () => ({
  body: { departments: (await listDepartments()).departments },
}));
