import { complianceBody, complianceQuery, dataQualityBody, dataQualityQuery } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The compliance capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const complianceFunctions = [
  declare({
    name: 'get-compliance',
    description: 'Per department, for a period: checks run and outcomes recorded, late publications, overdue answers, usage list on time or not; worst first',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/compliance',
      access: { roles: ['creditOffice'] },
      summary: "Departments' compliance in a period (credit office)",
      request: { query: complianceQuery },
      response: { status: 200, body: complianceBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'get-data-quality',
    description: "The data-quality desk: a month's refused import rows, late publications and provisional deadlines, with what to mend; a department's own, or every department's for the credit office",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/data-quality',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Problems in a department\'s data in a month, and what to mend (本部门问题数据处理)',
      request: { query: dataQualityQuery },
      response: { status: 200, body: dataQualityBody },
    },
    resources: { creditTable: 'read' },
    timeoutSeconds: 29,
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
    name: 'overdue-scan',
    description:
      'Publishes the overdue notices of the day: late publications, unanswered cases, missing usage lists, expiring and expired reports, ended publicity (through due-date indexes)',
    trigger: {
      type: 'schedule',
      cron: 'cron(0 7 * * ? *)',
      description: 'Daily at 07:00 county time',
    },
    resources: { creditTable: 'readWrite', usageTable: 'read', notices: true },
    timeoutSeconds: 300,
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...complianceFunctions]);
