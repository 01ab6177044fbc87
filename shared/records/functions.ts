import { correctRecordBody, listRecordsQuery, previewRecordBody, recordListBody, recordPreviewBody, pushRecordsBody, pushRecordsDocumented, pushRecordsResult, recordBody, recordIdParams, recordQuery, recordWithHistoryBody, subjectParams, subjectRecordsBody } from './api.ts';
import { recordInput } from './record-input.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { roles } from '../identity/roles.ts';

/** The records capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const recordsFunctions = [
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
      machine: { scopes: ['records:write'] },
    },
    resources: { creditTable: 'readWrite', personalData: ['seal'] },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'preview-record',
    description: 'A department checks a record as a push would, without storing it: every problem, the publication deadline and lateness, the publicity period',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/records/preview',
      access: { roles: ['department'] },
      summary: 'Preview a credit record before pushing it (nothing stored)',
      request: { body: previewRecordBody, documentedBody: recordInput },
      response: { status: 200, body: recordPreviewBody },
      machine: { scopes: ['records:write'] },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'list-records',
    description: "The department's own records, newest first, by kind, status, days received, number or name, lateness",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/records',
      access: { roles: ['department'] },
      summary: "The department's own credit records",
      request: { query: listRecordsQuery },
      response: { status: 200, body: recordListBody },
      machine: { scopes: ['records:write'] },
    },
    resources: { creditTable: 'read' },
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
      machine: { scopes: ['records:write'] },
    },
    resources: { creditTable: 'read', personalData: ['open'] },
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
      machine: { scopes: ['records:write'] },
    },
    resources: { creditTable: 'readWrite', personalData: ['seal'] },
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
    resources: { creditTable: 'read', personalData: ['open'] },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...recordsFunctions]);
