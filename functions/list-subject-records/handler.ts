import { triggerOf } from '../../shared/records/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { readSubjectRecords } from '../../shared/records/read-records.ts';

export const handler = httpHandler(triggerOf('list-subject-records'), async ({ params, caller, county, now }) => ({
  body: await readSubjectRecords({ subjectId: params.subjectId, caller, county, now }),
}));
