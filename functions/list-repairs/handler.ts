import { triggerOf } from '../../shared/cases/functions.ts';
import { listCases } from '../../shared/cases/read-cases.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-repairs'), async ({ query, caller }) => ({ body: await listCases({ caseType: 'repair', query, caller }) }));
