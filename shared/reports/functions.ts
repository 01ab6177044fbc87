import { subjectParams } from '../records/api.ts';
import { agencyBody, agencyListBody, agencyParams, createUploadBody, createUploadResult, registerAgencyBody, reportBody, reportParams, subjectReportsBody, updateAgencyBody, uploadParams, uploadStateBody, voidReportBody } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The reports capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const reportsFunctions = [
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
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', personalData: ['seal'] },
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
    name: 'receive-upload',
    description: 'Records each object created under uploads/ in the reports bucket (at-least-once safe)',
    trigger: { type: 's3', prefix: 'uploads/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'read' },
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
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...reportsFunctions]);
