import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/usage-log/functions.ts';
import { logSignerFromEnv } from '../../shared/usage-log/log-signer.ts';
import { listLogs } from '../../shared/usage-log/public-log.ts';

export const handler = publicHttpHandler(triggerOf('list-usage-logs'), async ({ county }) => ({ body: await listLogs({ county, key: (await logSignerFromEnv()).publicJwk }) }));
