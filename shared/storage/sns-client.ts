import { SNSClient } from '@aws-sdk/client-sns';
import { lazyClient } from './lazy-client.ts';

export const sns = lazyClient(() => new SNSClient({}));
