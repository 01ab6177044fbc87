import { triggerOf } from '../../shared/coverage/functions.ts';
import { readMatter } from '../../shared/coverage/list-matters.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('get-matter'), async ({ params, query, caller }) => ({ body: await readMatter({ reference: params.reference, query, caller }) }));
