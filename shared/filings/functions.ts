import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import {
  confirmFilingBody,
  createFilingUploadBody,
  filingBody,
  filingDocumentBody,
  filingDocumentParams,
  filingDocumentQuery,
  filingListBody,
  filingStatusBody,
  filingStatusQuery,
  filingUploadBody,
  listFilingsQuery,
} from './api.ts';

/**
 * The filings capability: narrative filings (工作总结, 制度、政策和措施) that a county's notice asks of departments on
 * its cadence (`filings` in the county file): a document posted to the reports bucket, confirmed with its
 * metadata as a revision; tracked per period by the credit office; reminded and reported by the overdue scan.
 */
export const filingsFunctions = [
  declare({
    name: 'create-filing-upload',
    description: 'A department announces a document to file (PDF, .doc or .docx) and gets a presigned POST for it',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/filings/uploads',
      access: { roles: ['department'] },
      summary: 'Announce a document to file: a presigned POST of that type and size (the county’s limit)',
      request: { body: createFilingUploadBody },
      response: { status: 201, body: filingUploadBody },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite' },
  }),
  declare({
    name: 'confirm-filing',
    description: 'A department confirms a posted document with its kind, period, title, summary and date: the next revision, on time or late',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/filings',
      access: { roles: ['department'] },
      summary: 'File a posted document for a kind and period (again: the next revision, kept)',
      request: { body: confirmFilingBody },
      response: { status: 201, body: filingBody },
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'read' },
    timeoutSeconds: 29,
    memoryMb: 512,
  }),
  declare({
    name: 'list-filings',
    description: "What a department owes in a year (each kind's periods with their state) and every revision it filed",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/filings',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'A department’s filings and what is due (department: its own; credit office: ?department=)',
      request: { query: listFilingsQuery },
      response: { status: 200, body: filingListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-filing-status',
    description: 'The credit office: per kind and period, which departments filed on time, late, or not at all',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/filings/status',
      access: { roles: ['creditOffice'] },
      summary: '报送情况: per kind and period, each registered department’s state',
      request: { query: filingStatusQuery },
      response: { status: 200, body: filingStatusBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-filing-document',
    description: 'A short-lived link to a filed document (a department: its own; the credit office: any)',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/filings/{kind}/{period}/document',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Download a filed document (the latest revision, or ?revision=)',
      request: { params: filingDocumentParams, query: filingDocumentQuery },
      response: { status: 200, body: filingDocumentBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...filingsFunctions]);
