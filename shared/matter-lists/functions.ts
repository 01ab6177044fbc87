import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import {
  commentMatterListBody,
  departmentMatterListBody,
  departmentParams,
  listMatterListsQuery,
  matterListStatesBody,
  matterListVersionBody,
  reviewMatterListBody,
  submitMatterListBody,
  versionParams,
} from './api.ts';

/**
 * The matter-lists capability (事项清单): each department files the list of matters in which it uses credit
 * records and reports, in versions the credit office approves or returns, with comments; the approved one is
 * in force, and a check names its item (docs/matter-lists.md).
 */
export const matterListsFunctions = [
  declare({
    name: 'submit-matter-list',
    description: 'A department submits a whole version of its matter list (事项清单) for the credit office’s review',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/matter-lists',
      access: { roles: ['department'] },
      summary: 'Submit a version of the department’s matter list (Idempotency-Key honoured; one version awaits review at a time: 409 MATTER_LIST_PENDING; an item code twice: 400 DUPLICATE_LIST_ITEM)',
      request: { body: submitMatterListBody },
      response: { status: 201, body: matterListVersionBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'list-matter-lists',
    description: 'The state of every department’s matter list (credit office), or the department’s own',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/matter-lists',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Matter-list states: none, submitted, approved, returned; the version in force and the one pending (a department: its own; another’s in query.department: 403)',
      request: { query: listMatterListsQuery },
      response: { status: 200, body: matterListStatesBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-matter-list',
    description: 'One department’s matter list: its state and every version with items and comments',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/matter-lists/{department}',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'A department’s matter-list versions, newest first (a department: its own; another’s: 404)',
      request: { params: departmentParams },
      response: { status: 200, body: departmentMatterListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'review-matter-list',
    description: 'The credit office approves a matter-list version (it comes into force) or returns it with a comment',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/matter-lists/{department}/versions/{version}/review',
      access: { roles: ['creditOffice'] },
      summary: 'Approve or return the version awaiting review (return needs a comment; another version: 409 MATTER_LIST_NOT_PENDING)',
      request: { params: versionParams, body: reviewMatterListBody },
      response: { status: 200, body: matterListVersionBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'comment-matter-list',
    description: 'The department or the credit office comments on a matter-list version',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/matter-lists/{department}/versions/{version}/comments',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Add a comment to a version (kept with author, role and time; a department on its own list only, another’s: 404)',
      request: { params: versionParams, body: commentMatterListBody },
      response: { status: 200, body: matterListVersionBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...matterListsFunctions]);
