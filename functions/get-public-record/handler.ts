import { triggerOf } from '../../shared/public-site/functions.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { readPublicRecord } from '../../shared/public-site/read-public-record.ts';

export const handler = publicHttpHandler(triggerOf('get-public-record'), async ({ params, county, now }) => ({
  body: await readPublicRecord({ recordId: params.id, county, now }),
}));
