import { applyOutcome } from '../../shared/cases/case-tasks.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { caseWorkflowInput } from '../../shared/cases/verification-case.ts';

export const handler = backgroundHandler(caseWorkflowInput, ({ event, county, now }) => applyOutcome({ ...event, county, now }));
