import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/usage-log/functions.ts';
import { listHeads } from '../../shared/usage-log/public-log.ts';

export const handler = publicHttpHandler(triggerOf('list-usage-log-heads'), async ({ params, query }) => ({ body: await listHeads({ org: params.org, limit: query.limit, ...(query.before === undefined ? {} : { before: query.before }) }) }));
