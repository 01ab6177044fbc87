import { callerBody } from '../http/common-schemas.ts';
import { departmentBody, departmentListBody, registerDepartmentBody } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { roles } from '../identity/roles.ts';

/** The departments capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const departmentsFunctions = [
  declare({
    name: 'register-department',
    description: 'The credit office registers a department (the 单位 of its usage lists) or renames one',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/departments',
      access: { roles: ['creditOffice'] },
      summary: 'Register or rename a department (201 registered, 200 renamed)',
      request: { body: registerDepartmentBody },
      response: { status: 201, body: departmentBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'list-departments',
    description: 'The departments register: the departments the credit office expects usage lists from',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/departments',
      access: { roles: ['creditOffice', 'department'] },
      summary: 'Registered departments',
      response: { status: 200, body: departmentListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'get-caller',
    description: 'Who the token says the caller is (role, organisation, county)',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/me',
      access: { roles },
      summary: 'The authenticated caller',
      response: { status: 200, body: callerBody },
    },
    resources: {},
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...departmentsFunctions]);
