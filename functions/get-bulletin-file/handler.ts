import { triggerOf } from '../../shared/bulletins/functions.ts';
import { bulletinFile } from '../../shared/bulletins/bulletin-files.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-bulletin-file'), async ({ params, query, caller }) => ({
  file: await bulletinFile({ month: params.month, format: query.format, caller }),
  headers: { 'cache-control': 'no-store' },
}));
