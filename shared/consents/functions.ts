import { consentBody, consentListBody, consentParams, createConsentBody, listConsentsQuery, myChecksBody, myChecksQuery, queryResultBody, runQueryBody } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The consents capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const consentsFunctions = [
  declare({
    name: 'create-consent',
    description: 'A subject consents to an institution (a bank, a company) reading its credit records and/or reports, for a purpose, until a day at most a year ahead',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/consents',
      access: { roles: ['subject'] },
      summary: 'Grant a consent to an institution (Idempotency-Key honoured)',
      request: { body: createConsentBody },
      response: { status: 201, body: consentBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'revoke-consent',
    description: 'The subject that granted a consent revokes it: kept, marked revoked with the time; it allows nothing from then on',
    trigger: {
      type: 'http',
      method: 'DELETE',
      path: '/consents/{id}',
      access: { roles: ['subject'] },
      summary: "Revoke a consent (again: 200, unchanged; another subject's: 404)",
      request: { params: consentParams },
      response: { status: 200, body: consentBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'list-consents',
    description: "Consents, newest first: a subject's own, those granted to an institution, or (credit office) a subject's, an institution's or all",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/consents',
      access: { roles: ['subject', 'institution', 'creditOffice'] },
      summary: 'List consents (credit office: ?subjectId or ?grantee)',
      request: { query: listConsentsQuery },
      response: { status: 200, body: consentListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'run-query',
    description: "An institution reads what a subject's live consent covers (records in force, valid reports), logged like a check; without one, 403 and the attempt is logged",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/queries',
      access: { roles: ['institution'] },
      summary: 'Query a subject with its consent (403 CONSENT_REQUIRED, CONSENT_REVOKED, CONSENT_EXPIRED or OUT_OF_SCOPE otherwise)',
      request: { body: runQueryBody },
      response: { status: 201, body: queryResultBody },
    },
    resources: { creditTable: 'read', usageTable: 'readWrite', machineTokens: 'sign' },
  }),
  declare({
    name: 'list-my-checks',
    description: "Who looked at me: every check and consented query of the caller's subject (refused ones too), newest first",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/me/checks',
      access: { roles: ['subject'] },
      summary: 'Who checked or queried the caller, when and for what',
      request: { query: myChecksQuery },
      response: { status: 200, body: myChecksBody },
    },
    resources: { usageTable: 'read', creditTable: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...consentsFunctions]);
