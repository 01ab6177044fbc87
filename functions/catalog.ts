import { callerBody } from '../shared/api/common.ts';
import { countyProfileBody, countyProfileQuery } from '../shared/api/county-profile.ts';
import { checkIdParams, checkListBody, checkOutcomeBody, checkReceiptBody, listChecksQuery, runCheckBody } from '../shared/api/checks.ts';
import {
  correctRecordBody,
  pushRecordsBody,
  pushRecordsDocumented,
  pushRecordsResult,
  recordBody,
  recordIdParams,
  recordQuery,
  recordWithHistoryBody,
  subjectParams,
  subjectRecordsBody,
} from '../shared/api/records.ts';
import {
  agencyBody,
  agencyListBody,
  agencyParams,
  createUploadBody,
  createUploadResult,
  registerAgencyBody,
  reportBody,
  reportParams,
  subjectReportsBody,
  updateAgencyBody,
  uploadParams,
  uploadStateBody,
  voidReportBody,
} from '../shared/api/reports.ts';
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
    name: 'push-records',
    description: 'A department pushes credit records: one, or a batch of up to 500 with a result per record',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/records',
      access: { roles: ['department'] },
      summary: 'Push credit records (idempotent on department, kind and decision number)',
      request: { body: pushRecordsBody, documentedBody: pushRecordsDocumented },
      response: { status: 200, body: pushRecordsResult },
    },
    resources: { creditTable: 'readWrite' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'get-record',
    description: 'A credit record the caller may see, with its versions on request',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/records/{id}',
      access: { roles },
      summary: 'One credit record',
      request: { params: recordIdParams, query: recordQuery },
      response: { status: 200, body: recordWithHistoryBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'correct-record',
    description: 'The providing department corrects a record; the correction is a new version, history kept',
    trigger: {
      type: 'http',
      method: 'PUT',
      path: '/records/{id}',
      access: { roles: ['department'] },
      summary: 'Correct a credit record (new version)',
      request: { params: recordIdParams, body: correctRecordBody },
      response: { status: 200, body: recordBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'list-subject-records',
    description: "A subject's records that the caller may see",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/subjects/{subjectId}/records',
      access: { roles },
      summary: "A subject's credit records",
      request: { params: subjectParams },
      response: { status: 200, body: subjectRecordsBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'run-check',
    description: 'A credit check of a subject for a matter (逢办必查): records, lists, reports and the measures that apply, logged',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/checks',
      access: { roles: ['department'] },
      summary: 'Run a credit check for a matter',
      request: { body: runCheckBody },
      response: { status: 201, body: checkReceiptBody },
    },
    resources: { creditTable: 'read', usageTable: 'readWrite', reportsBucket: 'read' },
  }),
  declare({
    name: 'record-check-outcome',
    description: 'The department that ran a check records the measures applied and how the records were used',
    trigger: {
      type: 'http',
      method: 'PUT',
      path: '/checks/{id}/outcome',
      access: { roles: ['department'] },
      summary: 'Record the outcome of a check',
      request: { params: checkIdParams, body: checkOutcomeBody },
      response: { status: 200, body: checkReceiptBody },
    },
    resources: { usageTable: 'readWrite' },
  }),
  declare({
    name: 'list-checks',
    description: "The department's own checks in a period",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/checks',
      access: { roles: ['department'] },
      summary: "The department's checks",
      request: { query: listChecksQuery },
      response: { status: 200, body: checkListBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
  }),
  declare({
    name: 'get-check',
    description: 'One check with the corrections of records it showed, for the department that ran it and the credit office',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/checks/{id}',
      access: { roles: ['department', 'creditOffice'] },
      summary: "A check and its corrections (another department's check: 404)",
      request: { params: checkIdParams },
      response: { status: 200, body: checkReceiptBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
  }),
  declare({
    name: 'receive-upload',
    description: 'Records each object created under uploads/ in the reports bucket (at-least-once safe)',
    trigger: { type: 's3', prefix: 'uploads/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'read' },
  }),
  declare({
    name: 'register-agency',
    description: 'The credit office registers a credit service agency (备案), active from now',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/agencies',
      access: { roles: ['creditOffice'] },
      summary: 'Register a credit service agency',
      request: { body: registerAgencyBody },
      response: { status: 201, body: agencyBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'update-agency',
    description: 'The credit office suspends, revokes or reactivates a registered agency',
    trigger: {
      type: 'http',
      method: 'PATCH',
      path: '/agencies/{id}',
      access: { roles: ['creditOffice'] },
      summary: "Change a registered agency's status",
      request: { params: agencyParams, body: updateAgencyBody },
      response: { status: 200, body: agencyBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'list-agencies',
    description: 'The public register of credit service agencies, with their status',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/agencies',
      access: { public: true },
      summary: 'Registered credit service agencies',
      response: { status: 200, body: agencyListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'create-report-upload',
    description: 'An active registered agency announces a credit report and gets a presigned POST for its PDF',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/reports/uploads',
      access: { roles: ['agency'] },
      summary: 'Start a credit report upload (presigned POST, PDF only)',
      request: { body: createUploadBody },
      response: { status: 201, body: createUploadResult },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite' },
  }),
  declare({
    name: 'get-report-upload',
    description: 'The state of an upload, for the agency that started it',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/reports/uploads/{id}',
      access: { roles: ['agency'] },
      summary: 'State of a report upload',
      request: { params: uploadParams },
      response: { status: 200, body: uploadStateBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'ingest-report',
    description: 'Checks each report PDF posted under reports/incoming/ and stores the report or rejects the file (at-least-once safe)',
    trigger: { type: 's3', prefix: 'reports/incoming/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite' },
    timeoutSeconds: 60,
    memoryMb: 512,
  }),
  declare({
    name: 'void-report',
    description: 'The credit office or the issuing agency voids a credit report',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/reports/{id}/void',
      access: { roles: ['creditOffice', 'agency'] },
      summary: 'Void a credit report',
      request: { params: reportParams, body: voidReportBody },
      response: { status: 200, body: reportBody },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'read' },
  }),
  declare({
    name: 'list-subject-reports',
    description: "A subject's credit reports with their status, for the subject and the credit office",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/subjects/{subjectId}/reports',
      access: { roles: ['subject', 'creditOffice'] },
      summary: "A subject's credit reports",
      request: { params: subjectParams },
      response: { status: 200, body: subjectReportsBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read' },
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
