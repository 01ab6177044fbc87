import { triggerOf } from '../../shared/cases/functions.ts';
import { readCase } from '../../shared/cases/read-cases.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-repair'), async ({ params, caller }) => ({ body: await readCase({ caseType: 'repair', caseId: params.id, caller }) }));
