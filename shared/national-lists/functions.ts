import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { entriesBody, entriesQuery, importIdParams, importListBody, listImportsQuery, nationalListImportBody, sourcesBody, sourcesQuery, uploadNationalListBody } from './api.ts';

/**
 * The national lists capability (docs/exchange.md, "Inbound"): the credit office uploads the national sources' list
 * files (失信被执行人, 重大税收违法失信主体, 政府采购严重违法失信行为记录名单, 严重违法失信名单), checked whole and applied
 * all or nothing; checks and the credit report show each subject's entries with their source and freshness.
 */
export const nationalListsFunctions = [
  declare({
    name: 'upload-national-list',
    description: 'The credit office uploads a national list file (full, or changes), checked row by row and applied all or nothing',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/national-lists/imports',
      access: { roles: ['creditOffice'] },
      summary:
        'Upload a national list file (the file base64 in `content`; XLSX, or CSV in UTF-8 or GB18030) with its source, list date (数据日期) and mode: any bad row refuses the whole file (400 NATIONAL_LIST_FILE_REFUSED, every problem by row and column in error.problems), nothing stored; a valid file is applied at once (201), the same file again answered as applied (200, repeated); an older list date 409 NATIONAL_LIST_OUT_OF_DATE; another import of the list under way 409 NATIONAL_LIST_IMPORT_PENDING',
      request: { body: uploadNationalListBody },
      response: { status: 201, body: nationalListImportBody },
    },
    resources: { creditTable: 'readWrite' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'list-national-list-imports',
    description: 'The national list imports, newest first, each with its status and what it changed',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/national-lists/imports',
      access: { roles: ['creditOffice'] },
      summary: 'National list imports, newest first (paged)',
      request: { query: listImportsQuery },
      response: { status: 200, body: importListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-national-list-import',
    description: 'One national list import: its status, what it changed and the rows that changed nothing',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/national-lists/imports/{id}',
      access: { roles: ['creditOffice'] },
      summary: 'A national list import',
      request: { params: importIdParams },
      response: { status: 200, body: nationalListImportBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-national-list-sources',
    description: 'The national lists the county takes: each with its list date, freshness, entries in force and last import',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/national-lists',
      access: { roles: ['creditOffice'] },
      summary: 'Each national list the county takes: list date (数据日期), days since, stale or not, entries in force and repaired, the last import, an import under way, the columns a file carries',
      request: { query: sourcesQuery },
      response: { status: 200, body: sourcesBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'list-national-list-entries',
    description: "A subject's entries on the national lists, with their history",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/national-lists/entries',
      access: { roles: ['creditOffice'] },
      summary: "A subject's national list entries (?subjectId=), every state each went through",
      request: { query: entriesQuery },
      response: { status: 200, body: entriesBody },
    },
    resources: { creditTable: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...nationalListsFunctions]);
