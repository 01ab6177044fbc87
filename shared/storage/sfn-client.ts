import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient } from './lazy-client.ts';

export const sfn = lazyClient(() => new SFNClient({}));
