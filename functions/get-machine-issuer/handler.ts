import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { issuerMetadata } from '../../shared/machine-clients/tokens.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

export const handler = publicHttpHandler(triggerOf('get-machine-issuer'), async () => ({ body: issuerMetadata(), headers: { 'cache-control': 'max-age=3600' } }));
