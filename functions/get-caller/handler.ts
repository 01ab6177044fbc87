import { triggerOf } from '../../shared/departments/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { presentCaller } from '../../shared/identity/caller.ts';

export const handler = httpHandler(triggerOf('get-caller'), async ({ caller }) => ({ body: presentCaller(caller) }));
