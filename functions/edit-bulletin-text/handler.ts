import { triggerOf } from '../../shared/bulletins/functions.ts';
import { editBulletinText } from '../../shared/bulletins/bulletins.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('edit-bulletin-text'), async ({ params, body, caller, now }) => ({ body: await editBulletinText({ month: params.month, body, caller, now }) }));
