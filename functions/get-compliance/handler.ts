import { triggerOf } from '../../shared/compliance/functions.ts';
import { complianceView } from '../../shared/compliance/compliance-view.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-compliance'), async ({ query, county, now }) => ({
  body: await complianceView({ period: query.period, county, now }),
}));
