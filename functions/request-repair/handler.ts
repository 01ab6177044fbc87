import { triggerOf } from '../../shared/cases/functions.ts';
import { raiseCase } from '../../shared/cases/raise-case.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('request-repair'), ({ body, caller, county, now }) => raiseCase({ caseType: 'repair', body, caller, county, now }));
