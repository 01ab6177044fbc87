import { localDate, type IsoDate } from '../calendar/dates.ts';

/**
 * A department (有关机关和组织 / 各部门) in the county's register: the 单位 of its usage lists, and one
 * of those the credit office expects a list from each period. Stored as the organisation item of role
 * `department` (demo data writes the same items).
 */
export interface Department {
  orgId: string;
  name: string;
  /** When the credit office registered it; absent for organisations written before the register (demo data). */
  registeredAt?: string;
  renamedAt?: string;
}

/** Whether the department was in the register on `day` (organisations without a registration date always were). */
export function registeredBy(department: Department, day: IsoDate, timeZone: string): boolean {
  return !department.registeredAt || localDate(new Date(department.registeredAt), timeZone) <= day;
}
