import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/usage-log/functions.ts';
import { consistencyBetween } from '../../shared/usage-log/public-log.ts';

export const handler = publicHttpHandler(triggerOf('get-usage-log-consistency'), async ({ params, query }) => ({ body: await consistencyBetween({ org: params.org, first: query.first, second: query.second }) }));
