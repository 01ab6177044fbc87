import { countyProfileBody, countyProfileQuery } from './county-profile-api.ts';
import { publicListBody, publicListQuery, publicRecordParams, publicSearchBody, searchPublicRecordsQuery } from './api.ts';
import { publicRecordBody } from '../records/api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The public-site capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const publicSiteFunctions = [
  declare({
    name: 'get-public-record',
    description: 'One record as the public site shows it: its public fields and publicity period, while it is public',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/records/{id}',
      access: { public: true },
      summary: 'A public record (out of publicity, revoked or repaired: 404)',
      request: { params: publicRecordParams },
      response: { status: 200, body: publicRecordBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'search-public-records',
    description: "The public site's search: public records of the subject with a code, or of organisations whose name starts with the words given",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/records',
      access: { public: true },
      summary: 'Search public records by code or name (only records in their publicity period; IDs and persons’ names masked)',
      request: { query: searchPublicRecordsQuery },
      response: { status: 200, body: publicSearchBody },
    },
    // A resident ID number searched for is looked up by its person key, never stored or shown whole.
    resources: { creditTable: 'read', personalData: ['lookup'] },
  }),
  declare({
    name: 'list-public-list',
    description: "The county's red list or black list as published today: entries in force and in their publicity period",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/lists',
      access: { public: true },
      summary: 'The red list or the black list (?list=red|black)',
      request: { query: publicListQuery },
      response: { status: 200, body: publicListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-county-profile',
    description: "The county's public profile: names, matter types and today's deadline arithmetic",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/county',
      access: { public: true },
      summary: 'County profile and working-day deadlines',
      request: { query: countyProfileQuery },
      response: { status: 200, body: countyProfileBody },
    },
    resources: {},
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...publicSiteFunctions]);
