import { assessmentMonthParams, assessmentNoteAnswer, assessmentNoteBody, assessmentsBody, assessmentsQuery, complianceBody, complianceQuery, dataQualityBody, dataQualityQuery } from './api.ts';
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
    name: 'get-assessments',
    description: "The assessment (考核): each department's score of a month with its breakdown and rank, by the county's rules, and the office's notes; or each department's months and score of a year",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/assessments',
      access: { roles: ['creditOffice', 'department'] },
      summary: "Departments' scores of a month or a year, with breakdowns (考核; a department: its own)",
      request: { query: assessmentsQuery },
      response: { status: 200, body: assessmentsBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'annotate-assessment',
    description: "The credit office's note on a department's assessed month (考核备注), kept with its author and time",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/assessments/{month}/annotations',
      access: { roles: ['creditOffice'] },
      summary: "Annotate a department's score of a month (credit office)",
      request: { params: assessmentMonthParams, body: assessmentNoteBody },
      response: { status: 201, body: assessmentNoteAnswer },
    },
    resources: { creditTable: 'readWrite' },
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
