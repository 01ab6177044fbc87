import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { commitmentBody, commitmentIdParams, commitmentListBody, commitmentResultBody, listCommitmentsQuery } from './api.ts';

/**
 * The commitments capability: commitments taken at the point of approval (a check's `commitment`), followed up
 * to their due day, and the department's finding (fulfilled, or breached: a commitment-breach record).
 */
export const commitmentsFunctions = [
  declare({
    name: 'list-commitments',
    description: "A department's commitments taken at approval, by due day; the credit office's view of open ones",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/commitments',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Commitments taken at checks (department: its own; credit office: ?department= or every open one)',
      request: { query: listCommitmentsQuery },
      response: { status: 200, body: commitmentListBody },
      machine: { scopes: ['checks:outcome'] },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'record-commitment-result',
    description: 'The department records a commitment kept, or breached (a commitment-breach record on the subject)',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/commitments/{id}/result',
      access: { roles: ['department'] },
      summary: 'Record a commitment fulfilled or breached (breached: a commitment-breach record is made); once only (409), another department’s: 404',
      request: { params: commitmentIdParams, body: commitmentResultBody },
      response: { status: 200, body: commitmentBody },
      machine: { scopes: ['checks:outcome'] },
    },
    resources: { creditTable: 'readWrite', personalData: ['open', 'seal'] },
  }),
  declare({
    name: 'follow-up-commitments',
    description: 'Daily: reminds departments of commitments due within the county’s reminder days, and tells them and the credit office of those past due without a result',
    trigger: { type: 'schedule', cron: 'cron(30 7 * * ? *)', description: 'Daily at 07:30 county time' },
    resources: { creditTable: 'readWrite', notices: true },
    timeoutSeconds: 300,
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...commitmentsFunctions]);
