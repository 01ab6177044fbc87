import * as z from 'zod';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import {
  accountabilityAnswer,
  accountabilityQuery,
  coverageAnswer,
  coverageQuery,
  listMattersQuery,
  matterBody,
  matterListAnswer,
  matterParams,
  matterQuery,
  reportMattersAnswer,
  reportMattersBody,
  templateQuery,
  uploadAnswer,
  uploadMattersBody,
} from './api.ts';

const templateFile = z.string().describe('The XLSX template (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)');

/**
 * The coverage capability: departments report the matters they handled (办件), by their systems or a monthly
 * upload; coverage = matters checked ÷ matters handled, per list item, department and month; and the
 * accountability candidates (责任追究) for the credit office.
 */
export const coverageFunctions = [
  declare({
    name: 'report-matters',
    description: 'A department (or its system) reports matters handled (办件), idempotent per case number',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/matters',
      access: { roles: ['department'] },
      summary: 'Report matters handled, per item of the matter list (≤ 500); the same reference again updates the matter, never a second one',
      request: { body: reportMattersBody },
      response: { status: 200, body: reportMattersAnswer },
      machine: { scopes: ['matters:report'] },
    },
    resources: { creditTable: 'readWrite', personalData: ['seal'] },
  }),
  declare({
    name: 'list-matters',
    description: "A department's reported matters of a month",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/matters',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Matters handled in a month (department: its own; the credit office: ?department=)',
      request: { query: listMattersQuery },
      response: { status: 200, body: matterListAnswer },
      machine: { scopes: ['matters:report'] },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-matter',
    description: 'One reported matter by its case number',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/matters/{reference}',
      access: { roles: ['department', 'creditOffice'] },
      summary: "One matter handled, by its case number (department: its own; the credit office: ?department=)",
      request: { params: matterParams, query: matterQuery },
      response: { status: 200, body: matterBody },
      machine: { scopes: ['matters:report'] },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-matter-template',
    description: 'The monthly upload template of matters handled (XLSX), with the department’s list in force',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/matter-uploads/template',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Download the template of matters handled (办件报送模板, XLSX)',
      request: { query: templateQuery },
      response: { status: 200, body: templateFile },
    },
    resources: { creditTable: 'read' },
    memoryMb: 512,
  }),
  declare({
    name: 'upload-matters',
    description: "A clerk uploads a month's matters handled in the template (XLSX, or CSV in UTF-8 or GB18030); bad rows refused one by one",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/matter-uploads',
      access: { roles: ['department'] },
      summary: "Upload a month's matters handled (the file base64 in `content`): each bad row refused naming its row and column, the others stored or updated",
      request: { body: uploadMattersBody },
      response: { status: 200, body: uploadAnswer },
    },
    resources: { creditTable: 'readWrite', personalData: ['seal'] },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'get-coverage',
    description: 'Coverage (matters checked ÷ matters handled) per department and list item in a month',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/coverage',
      access: { roles: ['department', 'creditOffice'] },
      summary: 'Coverage of a month per department and list item (the credit office: every registered department or ?department=; a department: its own)',
      request: { query: coverageQuery },
      response: { status: 200, body: coverageAnswer },
    },
    resources: { creditTable: 'read', usageTable: 'read' },
    timeoutSeconds: 29,
  }),
  declare({
    name: 'get-accountability',
    description: 'The accountability candidates (责任追究) of a month: matters decided without a check, punishments offered neither applied nor explained',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/accountability',
      access: { roles: ['creditOffice'] },
      summary: 'Accountability candidates of a month (责任追究, 000 六(十四))',
      request: { query: accountabilityQuery },
      response: { status: 200, body: accountabilityAnswer },
    },
    resources: { creditTable: 'read', usageTable: 'read' },
    timeoutSeconds: 29,
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...coverageFunctions]);
