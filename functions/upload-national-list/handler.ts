import { httpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/national-lists/functions.ts';
import { presentImport } from '../../shared/national-lists/read-national-lists.ts';
import { uploadNationalList } from '../../shared/national-lists/upload-national-list.ts';

export const handler = httpHandler(triggerOf('upload-national-list'), async ({ body, caller, county, now }) => {
  const { record, repeated } = await uploadNationalList({ body, caller, county, now });
  return { status: repeated ? 200 : 201, body: presentImport(record, repeated) };
});
