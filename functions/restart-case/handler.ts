import { triggerOf } from '../../shared/cases/functions.ts';
import { restartCase } from '../../shared/cases/restart-case.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('restart-case'), ({ params, caller, county, now }) => restartCase({ caseId: params.id, caller, county, now }));
