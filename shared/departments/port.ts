/**
 * What the departments capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { departmentOrgId } from './api.ts';
export { getDepartment, listDepartments } from './department-store.ts';
export { registeredBy, type Department } from './department.ts';
