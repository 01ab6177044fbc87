import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { jwks } from '../../shared/machine-clients/tokens.ts';
import { tokenSignerFromEnv } from '../../shared/machine-clients/token-signer.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

let signer: ReturnType<typeof tokenSignerFromEnv> | undefined;
export const handler = publicHttpHandler(triggerOf('get-machine-jwks'), async () => ({ body: await jwks((signer ??= tokenSignerFromEnv())), headers: { 'cache-control': 'max-age=3600' } }));
