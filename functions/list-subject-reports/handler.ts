import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { listSubjectReports } from '../../shared/reports/subject-reports.ts';

export const handler = httpHandler(triggerOf('list-subject-reports'), async ({ params, caller, county, now }) => ({
  body: await listSubjectReports({ subjectId: params.subjectId, caller, county, now }),
}));
