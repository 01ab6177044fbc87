import { triggerOf } from '../../shared/matter-lists/functions.ts';
import { departmentMatterList } from '../../shared/matter-lists/read-matter-lists.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-matter-list'), async ({ params, caller, county }) => ({ body: await departmentMatterList({ orgId: params.department, caller, county }) }));
