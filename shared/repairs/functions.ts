import { caseBody, caseListBody, caseParams, decideRepairBody, listCasesQuery, raiseCaseResult, requestRepairBody, verificationWorkflow } from '../cases/api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The repairs capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const repairsFunctions = [
  declare({
    name: 'request-repair',
    description: 'A subject applies for credit repair of a record past its repair date (a penalty, a commitment breach, a black-list entry the county names), with a credit commitment, published if approved, and evidence of correction',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/repairs',
      access: { roles: ['subject'] },
      summary: 'Apply for credit repair of a record',
      request: { body: requestRepairBody },
      response: { status: 201, body: raiseCaseResult },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['start'] }], personalData: ['open'] },
  }),
  declare({
    name: 'decide-repair',
    description: 'The providing department approves or refuses a credit repair application, with reasons',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/repairs/{id}/decision',
      access: { roles: ['department'] },
      summary: 'Decide a credit repair application (providing department only)',
      request: { params: caseParams, body: decideRepairBody },
      response: { status: 202, body: caseBody },
    },
    resources: { creditTable: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['answer', 'start', 'inspect'] }], personalData: ['open'] },
  }),
  declare({
    name: 'get-repair',
    description: 'A credit repair application with its state, answer day, history, evidence and outcome',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/repairs/{id}',
      access: { roles: ['subject', 'department', 'creditOffice'] },
      summary: 'One credit repair application',
      request: { params: caseParams },
      response: { status: 200, body: caseBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read', personalData: ['open'] },
  }),
  declare({
    name: 'list-repairs',
    description: "Credit repair applications the caller may see: the subject's own, the providing department's queue, or (credit office) the open ones, or those in one state",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/repairs',
      access: { roles: ['subject', 'department', 'creditOffice'] },
      summary: 'List credit repair applications',
      request: { query: listCasesQuery },
      response: { status: 200, body: caseListBody },
    },
    resources: { creditTable: 'read', personalData: ['open'] },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...repairsFunctions]);
