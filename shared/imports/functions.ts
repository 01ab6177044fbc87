import { createImportBody, createImportResult, importBody, importListBody, importParams, templateFileBody, templateParams } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The imports capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const importsFunctions = [
  declare({
    name: 'get-import-template',
    description: 'The XLSX template of a national dual-publicity kind (行政处罚, 行政许可) for a department to fill',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/imports/templates/{kind}',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Download an import template (XLSX, the national columns in order)',
      request: { params: templateParams },
      response: { status: 200, body: templateFileBody },
    },
    resources: {},
    memoryMb: 512,
  }),
  declare({
    name: 'create-import',
    description: 'A department starts an import of a spreadsheet and gets a presigned POST for the file (XLSX or CSV)',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/imports',
      access: { roles: ['department'] },
      summary: 'Start an import (presigned POST for the XLSX or CSV file)',
      request: { body: createImportBody },
      response: { status: 201, body: createImportResult },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite' },
  }),
  declare({
    name: 'get-import',
    description: "An import's progress, its first refused rows and its result file, for its department and the credit office",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/imports/{id}',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'An import: progress, refused rows, result file',
      request: { params: importParams },
      response: { status: 200, body: importBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read' },
  }),
  declare({
    name: 'list-imports',
    description: "The department's imports, newest first",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/imports',
      access: { roles: ['department'] },
      summary: "The department's imports",
      response: { status: 200, body: importListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'ingest-import',
    description: 'Streams each spreadsheet posted under imports/incoming/ into records (idempotent, checkpointed; hands on to continue-import when long)',
    trigger: { type: 's3', prefix: 'imports/incoming/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', personalData: ['lookup', 'seal'] },
    timeoutSeconds: 900,
    memoryMb: 1024,
  }),
  declare({
    name: 'continue-import',
    description: 'Goes on with an import at its checkpoint when a continuation object arrives under imports/continue/',
    trigger: { type: 's3', prefix: 'imports/continue/' },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', personalData: ['lookup', 'seal'] },
    timeoutSeconds: 900,
    memoryMb: 1024,
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...importsFunctions]);
