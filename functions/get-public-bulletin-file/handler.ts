import { triggerOf } from '../../shared/bulletins/functions.ts';
import { bulletinFile } from '../../shared/bulletins/bulletin-files.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

export const handler = publicHttpHandler(triggerOf('get-public-bulletin-file'), async ({ params }) => ({
  file: await bulletinFile({ month: params.month, format: 'pdf', publicRead: true }),
}));
