import { exportUsageListQuery, submitUsageListBody, submitUsageListQuery, usageListBody, usageListFileBody, usageListParams, usageListQuery } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The usage-lists capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const usageListsFunctions = [
  declare({
    name: 'export-usage-list',
    description: "A usage list in Zanhuang's template as CSV (UTF-8 with BOM) or XLSX: a submitted revision, or the draft before submission",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/usage-lists/{period}/export',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Export a usage list as CSV or XLSX (a file attachment)',
      request: { params: usageListParams, query: exportUsageListQuery },
      response: { status: 200, body: usageListFileBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'get-usage-list',
    description: "A department's usage list (使用情况清单) of a period from its checks and their outcomes, with counts and where its submission stands",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/usage-lists/{period}',
      access: { roles: ['department', 'creditOffice'] },
      summary: "Preview a usage list (a department: its own; the credit office: ?department=)",
      request: { params: usageListParams, query: usageListQuery },
      response: { status: 200, body: usageListBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'submit-usage-list',
    description: 'A department submits its usage list of an ended period; final, a correction is the next revision; on time or late is recorded',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/usage-lists/{period}/submit',
      access: { roles: ['department'] },
      summary: 'Submit a usage list (again: with revision = latest + 1)',
      request: { params: usageListParams, query: submitUsageListQuery, body: submitUsageListBody },
      response: { status: 201, body: usageListBody },
    },
    resources: { usageTable: 'readWrite', creditTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'close-usage-period',
    description: "Drafts each department's usage list on the first day after a period and reminds those that have not submitted before the due day",
    trigger: {
      type: 'schedule',
      cron: 'cron(0 8 * * ? *)',
      description: "Daily at 08:00 county time; acts only on the days the county's usage-list cadence makes relevant (a period's first day after, 3 working days before its due day)",
    },
    resources: { usageTable: 'readWrite', creditTable: 'readWrite', notices: true },
    timeoutSeconds: 300,
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...usageListsFunctions]);
