import { bulletinBody, bulletinFileBody, bulletinFileQuery, bulletinListBody, bulletinMonthParams, bulletinRefreshBody, bulletinTextBody, bulletinVersionBody, publicBulletinFileQuery } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

const office = { roles: ['creditOffice'] } as const;
const readers = { roles: ['creditOffice', 'department'] } as const;

/** The monthly bulletin's functions (月通报), declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const bulletinsFunctions = [
  declare({
    name: 'prepare-bulletin',
    description: "Drafts the month before's bulletin on or after the county's draft day (bulletins.draftDay), once, and tells the credit office",
    trigger: { type: 'schedule', cron: 'cron(30 8 * * ? *)', description: 'Daily at 08:30 county time (drafts once a month, on or after the draft day)' },
    resources: { creditTable: 'readWrite', usageTable: 'read', notices: true },
    timeoutSeconds: 300,
  }),
  declare({
    name: 'list-bulletins',
    description: 'The monthly bulletins: the credit office reads drafts and published ones, departments the published',
    trigger: { type: 'http', method: 'GET', path: '/bulletins', access: readers, summary: 'Monthly bulletins (月通报)', response: { status: 200, body: bulletinListBody } },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-bulletin',
    description: "A bulletin's content: departments' figures and scores, the trend, the accountability list, the office's text",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/bulletins/{month}',
      access: readers,
      summary: "A month's bulletin (a draft: the credit office only)",
      request: { params: bulletinMonthParams },
      response: { status: 200, body: bulletinBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-bulletin-file',
    description: "A bulletin as PDF (with charts) or XLSX: the published files kept, or the office's draft rendered now",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/bulletins/{month}/file',
      access: readers,
      summary: "Download a month's bulletin (PDF or XLSX)",
      request: { params: bulletinMonthParams, query: bulletinFileQuery },
      response: { status: 200, body: bulletinFileBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read' },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  declare({
    name: 'edit-bulletin-text',
    description: "The credit office writes the bulletin's text before publishing",
    trigger: {
      type: 'http',
      method: 'PUT',
      path: '/bulletins/{month}/text',
      access: office,
      summary: "Write a draft bulletin's text (credit office)",
      request: { params: bulletinMonthParams, body: bulletinTextBody },
      response: { status: 200, body: bulletinBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'refresh-bulletin',
    description: "Reads a month's figures again into its draft, keeping the office's text; drafts an ended month that has none",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/bulletins/{month}/refresh',
      access: office,
      summary: "Draft or refresh a month's bulletin (credit office)",
      request: { params: bulletinMonthParams, body: bulletinRefreshBody },
      response: { status: 200, body: bulletinBody },
    },
    resources: { creditTable: 'readWrite', usageTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'publish-bulletin',
    description: 'Publishes a draft bulletin: renders and keeps its PDF and XLSX, keeps the scores final, tells the departments (and the public where the county says so)',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/bulletins/{month}/publish',
      access: office,
      summary: 'Publish a bulletin (credit office)',
      request: { params: bulletinMonthParams, body: bulletinVersionBody },
      response: { status: 200, body: bulletinBody },
    },
    resources: { creditTable: 'readWrite', usageTable: 'read', reportsBucket: 'readWrite', notices: true },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  declare({
    name: 'list-public-bulletins',
    description: 'The published bulletins the public reads, where the county publishes them',
    trigger: { type: 'http', method: 'GET', path: '/public/bulletins', access: { public: true }, summary: 'Published monthly bulletins (public)', response: { status: 200, body: bulletinListBody } },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-public-bulletin-file',
    description: "A published public bulletin's PDF",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/bulletins/{month}/file',
      access: { public: true },
      summary: "Download a published bulletin's PDF (public)",
      request: { params: bulletinMonthParams, query: publicBulletinFileQuery },
      response: { status: 200, body: bulletinFileBody },
    },
    resources: { creditTable: 'read', reportsBucket: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...bulletinsFunctions]);
