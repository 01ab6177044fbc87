import { triggerOf } from '../catalog.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-caller'), async ({ caller }) => ({ body: caller }));
