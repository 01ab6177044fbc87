import { addDays } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { listDepartments, registeredBy, type Department } from '../departments/port.ts';
import { matterListInForce } from '../matter-lists/port.ts';
import { accountabilityCandidates, departmentCoverage, type AccountabilityCandidate, type DepartmentCoverage } from './coverage-rules.ts';
import { checksLoggedBetween, mattersDecidedBetween } from './matter-store.ts';
import { monthDays } from './months.ts';

/**
 * A department's month, read by key ranges only: its list in force (one GetItem), its matters decided in the
 * month (matters gsi1), its checks from `lookback` days before the month to its end (usage log gsi1); then
 * the pure rules.
 */
async function departmentMonth(department: Pick<Department, 'orgId' | 'name'>, month: string, county: CountyConfig) {
  const days = monthDays(month);
  const lookbackDays = county.coverage.checkLookbackDays.days;
  const [list, matters, checks] = await Promise.all([
    matterListInForce(department.orgId),
    mattersDecidedBetween(department.orgId, days.first, days.last),
    checksLoggedBetween(department.orgId, addDays(days.first, -lookbackDays), days.last),
  ]);
  const items = list?.items ?? [];
  const common = { orgId: department.orgId, items, matters, checks, lookbackDays };
  return {
    coverage: { ...departmentCoverage({ ...common, name: department.name }), listVersion: list?.version ?? null },
    accountability: accountabilityCandidates({ ...common, department: department.name, month: days }),
  };
}

/** The departments registered by the month's last day, by org id (one query of the register). */
async function departmentsOfMonth(month: string, county: CountyConfig, only?: string): Promise<Department[]> {
  const { departments } = await listDepartments();
  const last = monthDays(month).last;
  return departments.filter((d) => registeredBy(d, last, county.timeZone) && (!only || d.orgId === only)).sort((a, b) => a.orgId.localeCompare(b.orgId));
}

const concurrency = 4;

async function eachDepartment<T>(departments: Department[], read: (d: Department) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < departments.length; i += concurrency) out.push(...(await Promise.all(departments.slice(i, i + concurrency).map(read))));
  return out;
}

export type CoverageOfDepartment = DepartmentCoverage & { listVersion: number | null };

/** Coverage of every registered department (or one) in a month, per item of its list in force. */
export async function coverageOfMonth(args: { month: string; county: CountyConfig; now: Date; department?: string }): Promise<{ month: string; departments: CoverageOfDepartment[] }> {
  const departments = await departmentsOfMonth(args.month, args.county, args.department);
  const read = await eachDepartment(departments, (d) => departmentMonth(d, args.month, args.county));
  return { month: args.month, departments: read.map((r) => r.coverage) };
}

/** The accountability candidates (责任追究) of every registered department in a month, by department, day and kind. */
export async function accountabilityOfMonth(args: { month: string; county: CountyConfig; now: Date }): Promise<AccountabilityCandidate[]> {
  const departments = await departmentsOfMonth(args.month, args.county);
  const read = await eachDepartment(departments, (d) => departmentMonth(d, args.month, args.county));
  return read.flatMap((r) => r.accountability);
}
