import { answerObjectionBody, caseBody, caseListBody, caseParams, listCasesQuery, raiseCaseResult, raiseObjectionBody, verificationWorkflow } from '../cases/api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { addObjectionEvidenceBody, addObjectionEvidenceResult } from './api.ts';

/** The objections capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const objectionsFunctions = [
  declare({
    name: 'raise-objection',
    description: 'A subject (or the credit office on its behalf) objects to a record: punishments resting on it are suspended at once and the provider verifies',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/objections',
      access: { roles: ['subject', 'creditOffice'] },
      summary: 'Raise an objection to a record (one open objection per record)',
      request: { body: raiseObjectionBody },
      response: { status: 201, body: raiseCaseResult },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['start'] }], personalData: ['open'] },
  }),
  declare({
    name: 'add-objection-evidence',
    description: 'The subject (or the credit office for it) adds evidence files to its objection while it is not yet answered',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/objections/{id}/evidence',
      access: { roles: ['subject', 'creditOffice'] },
      summary: 'Add evidence to an open objection (presigned POSTs; 409 CASE_ALREADY_ANSWERED once answered)',
      request: { params: caseParams, body: addObjectionEvidenceBody },
      response: { status: 201, body: addObjectionEvidenceResult },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', personalData: ['open'] },
  }),
  declare({
    name: 'answer-objection',
    description: 'The providing department answers an objection: upheld, corrected (with the corrected fields) or revoked, with its reasoning',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/objections/{id}/verification',
      access: { roles: ['department'] },
      summary: 'Answer an objection (providing department only)',
      request: { params: caseParams, body: answerObjectionBody },
      response: { status: 202, body: caseBody },
    },
    resources: { creditTable: 'readWrite', workflows: [{ workflow: verificationWorkflow.id, actions: ['answer', 'start', 'inspect'] }], personalData: ['open'] },
  }),
  declare({
    name: 'get-objection',
    description: 'An objection with its state, answer day, history, evidence and outcome',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/objections/{id}',
      access: { roles: ['subject', 'department', 'creditOffice'] },
      summary: 'One objection',
      request: { params: caseParams },
      response: { status: 200, body: caseBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read', personalData: ['open'] },
  }),
  declare({
    name: 'list-objections',
    description: "Objections the caller may see: the subject's own, the providing department's queue, or (credit office) the open ones by answer day",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/objections',
      access: { roles: ['subject', 'department', 'creditOffice'] },
      summary: 'List objections',
      request: { query: listCasesQuery },
      response: { status: 200, body: caseListBody },
    },
    resources: { creditTable: 'read', personalData: ['open'] },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...objectionsFunctions]);
