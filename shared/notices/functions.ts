import { listNoticesQuery, listPublicNoticesQuery, noticeListBody, publicNoticeListBody } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { roles } from '../identity/roles.ts';

/** The notices capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const noticesFunctions = [
  declare({
    name: 'list-notices',
    description: 'Notices addressed to the caller; the credit office lists those of any addressee, or all of them, by kind',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/notices',
      access: { roles },
      summary: 'Notices addressed to the caller (credit office: any addressee)',
      request: { query: listNoticesQuery },
      response: { status: 200, body: noticeListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'list-public-notices',
    description: "The county's public notices (通报) of a day or a period, newest first",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/notices',
      access: { public: true },
      summary: 'Public notices by date (those still listed on the day asked: the county file states for how long)',
      request: { query: listPublicNoticesQuery },
      response: { status: 200, body: publicNoticeListBody },
    },
    resources: { creditTable: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...noticesFunctions]);
