import { checkBatchBody, checkLogReceiptBody, checkIdParams, checkListBody, checkOutcomeBody, checkReceiptBody, listChecksQuery, runCheckBatchBody, runCheckBatchDocumented, runCheckBatchQuery, runCheckBody } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The checks capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const checksFunctions = [
  declare({
    name: 'run-check',
    description: 'A credit check of a subject for a matter (逢办必查): records, lists, reports and the measures that apply, logged',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/checks',
      access: { roles: ['department'] },
      summary: 'Run a credit check for a matter (Idempotency-Key honoured: the same key and body answer the first check, 200; another body 409)',
      request: { body: runCheckBody },
      response: { status: 201, body: checkReceiptBody },
      machine: { scopes: ['checks:run'] },
    },
    // The credit table is written when the check takes a commitment (its record and follow-up).
    resources: { creditTable: 'readWrite', usageTable: 'readWrite', reportsBucket: 'read', personalData: ['seal'], machineTokens: 'sign' },
  }),
  declare({
    name: 'run-check-batch',
    description: 'A batch check (批量比对): one matter, many subjects, one logged check each',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/checks/batch',
      access: { roles: ['department'] },
      summary:
        "Check many subjects for one matter (a tender's bidders): one logged check per subject with its receipt; a bad code answered at its item; Idempotency-Key required, idempotent per item; ?format=xlsx answers the results as a workbook",
      request: { query: runCheckBatchQuery, body: runCheckBatchBody, documentedBody: runCheckBatchDocumented },
      response: { status: 200, body: checkBatchBody },
      machine: { scopes: ['checks:run'] },
    },
    resources: { creditTable: 'read', usageTable: 'readWrite', reportsBucket: 'read', personalData: ['seal'], machineTokens: 'sign' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'record-check-outcome',
    description: 'The department that ran a check records the measures applied and how the records were used',
    trigger: {
      type: 'http',
      method: 'PUT',
      path: '/checks/{id}/outcome',
      access: { roles: ['department'] },
      summary: "Record the outcome of a check: only measures it offered, in force at the check (else 409 MEASURE_NOT_OFFERED, MEASURE_SUSPENDED); offered measures not applied each with a reason (notAppliedMeasures); answers the check as GET /checks/{id} (another department's check: 404)",
      request: { params: checkIdParams, body: checkOutcomeBody },
      response: { status: 200, body: checkReceiptBody },
      machine: { scopes: ['checks:outcome'] },
    },
    resources: { usageTable: 'readWrite', creditTable: 'read', machineTokens: 'sign' },
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
      machine: { scopes: ['checks:run', 'checks:outcome'] },
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
      machine: { scopes: ['checks:run', 'checks:outcome'] },
    },
    resources: { usageTable: 'read', creditTable: 'read', personalData: ['open'] },
  }),
  declare({
    name: 'get-check-receipt',
    description: "A check's proof of inclusion in its department's Merkle usage log against a signed head, verified with the published key",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/checks/{id}/receipt',
      access: { roles: ['department', 'creditOffice'] },
      summary: "A check and its receipt: the inclusion proof against a signed head (or the signed promise while pending), for the check and its latest outcome revision; verifiable offline (another department's check: 404)",
      request: { params: checkIdParams },
      response: { status: 200, body: checkLogReceiptBody },
      machine: { scopes: ['checks:run', 'checks:outcome'] },
    },
    resources: { usageTable: 'read', creditTable: 'read', reportsBucket: 'read', personalData: ['open'], machineTokens: 'publish' },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...checksFunctions]);
