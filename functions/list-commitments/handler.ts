import { triggerOf } from '../../shared/commitments/functions.ts';
import { listCommitments } from '../../shared/commitments/list-commitments.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-commitments'), async ({ query, caller, county, now }) => ({ body: await listCommitments({ query, caller, county, now }) }));
