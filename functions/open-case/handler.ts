import { openCase } from '../../shared/cases/case-tasks.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { openCaseInput } from '../../shared/cases/verification-case.ts';

export const handler = backgroundHandler(openCaseInput, ({ event, county, now }) => openCase({ ...event, county, now }));
