import { markCaseStuck } from '../../shared/cases/case-tasks.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { markStuckInput } from '../../shared/cases/verification-case.ts';

export const handler = backgroundHandler(markStuckInput, ({ event, county, now }) => markCaseStuck({ ...event, county, now }));
