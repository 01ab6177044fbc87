import { caseBody, caseParams } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { verificationWorkflow } from './workflows.ts';

/** The cases capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const casesFunctions = [
  declare({
    name: 'open-case',
    description: "Opens an objection or repair case: the provider's answer day in working days, the provider notified, the first wait planned",
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.open },
    resources: { creditTable: 'readWrite', notices: true },
  }),
  declare({
    name: 'await-case-answer',
    description: "Keeps the workflow's task token with the case, and resumes at once with an answer that is already stored",
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.await },
    resources: { creditTable: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['answer'] }] },
  }),
  declare({
    name: 'case-wait-elapsed',
    description: 'Reminds the provider before the answer day, reports the case overdue to the credit office after it, and escalates',
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.elapsed },
    resources: { creditTable: 'readWrite', notices: true },
  }),
  declare({
    name: 'apply-case-outcome',
    description: 'Applies the answer to the record (new version, revoked, repaired or kept), lifts the suspension, corrects the checks that relied on it and tells the subject',
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.apply },
    resources: { creditTable: 'readWrite', usageTable: 'readWrite', notices: true, personalData: ['lookup', 'seal', 'open'] },
    timeoutSeconds: 60,
  }),
  declare({
    name: 'mark-case-stuck',
    description: 'Keeps a case whose workflow failed after its retries visible as stuck, and tells the credit office',
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.stuck },
    resources: { creditTable: 'readWrite', notices: true },
  }),
  declare({
    name: 'restart-case',
    description: 'The credit office restarts the workflow of a stuck objection or repair case once the fault is mended',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/cases/{id}/restart',
      access: { roles: ['creditOffice'] },
      summary: 'Restart a stuck case (credit office)',
      request: { params: caseParams },
      response: { status: 202, body: caseBody },
    },
    resources: { creditTable: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['start'] }], personalData: ['open'] },
  }),
  declare({
    name: 'reconcile-cases',
    description: 'Finds objection and repair cases whose state and workflow execution disagree: takes them up again from the stored state, stops what runs for a closed case, or reports them to the credit office',
    trigger: { type: 'schedule', cron: 'cron(30 6 * * ? *)', description: 'Daily at 06:30 county time, before the overdue scan' },
    resources: { creditTable: 'readWrite', notices: true, workflows: [{ workflow: verificationWorkflow.id, actions: ['start', 'inspect', 'stop'] }] },
    timeoutSeconds: 300,
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...casesFunctions]);
