import { callerBody } from '../shared/api/common.ts';
import { countyProfileBody, countyProfileQuery } from '../shared/api/county-profile.ts';
import { declare, type FunctionDeclaration } from '../shared/functions/declaration.ts';
import { roles } from '../shared/identity/roles.ts';
import { verificationWorkflow } from '../shared/workflows/workflows.ts';

/**
 * Every function of a county stack, declared once. `infra/` builds Lambdas, routes, notifications,
 * schedules and grants from this list; `infra/local/` serves and triggers the same handlers from it.
 */
export const functions = [
  declare({
    name: 'get-caller',
    description: 'Who the token says the caller is (role, organisation, county)',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/me',
      access: { roles },
      summary: 'The authenticated caller',
      response: { status: 200, body: callerBody },
    },
    resources: {},
  }),
  declare({
    name: 'get-county-profile',
    description: "The county's public profile: names, matter types and today's deadline arithmetic",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/county',
      access: { public: true },
      summary: 'County profile and working-day deadlines',
      request: { query: countyProfileQuery },
      response: { status: 200, body: countyProfileBody },
    },
    resources: {},
  }),
  declare({
    name: 'receive-upload',
    description: 'Records each object created under uploads/ in the reports bucket (at-least-once safe)',
    trigger: { type: 's3', prefix: 'uploads/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'read' },
  }),
  declare({
    name: 'check-calendar',
    description: 'Warns the credit office when the working-day calendar lacks the holidays of the coming months',
    trigger: {
      type: 'schedule',
      cron: 'cron(0 9 1 * ? *)',
      description: 'Monthly, on the 1st at 09:00 county time',
    },
    resources: { creditTable: 'readWrite', notices: true },
  }),
  declare({
    name: 'open-verification',
    description: "Opens a verification case and computes the provider's answer deadline in working days",
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.open },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'await-verification',
    description: "Stores the workflow's task token with the case, so the provider's answer can resume it",
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.await },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'close-verification',
    description: "Records the provider's answer and closes the case",
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.close },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'report-verification-overdue',
    description: 'Publishes an overdue notice to the credit office when the answer deadline passes',
    trigger: { type: 'task', workflow: verificationWorkflow.id, state: verificationWorkflow.states.overdue },
    resources: { creditTable: 'readWrite', notices: true },
  }),
] as const satisfies readonly FunctionDeclaration[];

export type FunctionName = (typeof functions)[number]['name'];

export function functionNamed(name: string): FunctionDeclaration {
  const declaration = functions.find((f) => f.name === name);
  if (!declaration) throw new Error(`no function named "${name}" (known: ${functions.map((f) => f.name).join(', ')})`);
  return declaration;
}

type DeclarationNamed<N extends FunctionName> = Extract<(typeof functions)[number], { name: N }>;

/** The declared trigger of a function, typed by its name: handlers take their route and schemas from here. */
export function triggerOf<N extends FunctionName>(name: N): DeclarationNamed<N>['trigger'] {
  // The lookup is by the same name the type is narrowed by; TS cannot follow that through a generic index.
  return functionNamed(name).trigger as never;
}
