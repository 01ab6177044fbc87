import type { FunctionDeclaration } from '../shared/lambda/declaration.ts';
import { recordsFunctions } from '../shared/records/functions.ts';
import { checksFunctions } from '../shared/checks/functions.ts';
import { reportsFunctions } from '../shared/reports/functions.ts';
import { objectionsFunctions } from '../shared/objections/functions.ts';
import { repairsFunctions } from '../shared/repairs/functions.ts';
import { casesFunctions } from '../shared/cases/functions.ts';
import { usageListsFunctions } from '../shared/usage-lists/functions.ts';
import { noticesFunctions } from '../shared/notices/functions.ts';
import { consentsFunctions } from '../shared/consents/functions.ts';
import { creditReportFunctions } from '../shared/credit-report/functions.ts';
import { publicSiteFunctions } from '../shared/public-site/functions.ts';
import { departmentsFunctions } from '../shared/departments/functions.ts';
import { complianceFunctions } from '../shared/compliance/functions.ts';
import { importsFunctions } from '../shared/imports/functions.ts';
import { machineClientsFunctions } from '../shared/machine-clients/functions.ts';
import { commitmentsFunctions } from '../shared/commitments/functions.ts';
import { filingsFunctions } from '../shared/filings/functions.ts';
import { coverageFunctions } from '../shared/coverage/functions.ts';
import { matterListsFunctions } from '../shared/matter-lists/functions.ts';
import { bulletinsFunctions } from '../shared/bulletins/functions.ts';
import { exchangeFunctions } from '../shared/exchange/functions.ts';
import { usageLogFunctions } from '../shared/usage-log/functions.ts';
import { nationalListsFunctions } from '../shared/national-lists/functions.ts';

/**
 * The capabilities of a county and the functions each declares in its own folder (shared/<folder>/functions.ts).
 * `infra/` builds Lambdas, routes, notifications, schedules and grants from this list; `local/` serves and
 * triggers the same handlers from it; the OpenAPI document and the isolation tests read it. It only concatenates.
 */
export const capabilities = [
  { name: 'records', folder: 'shared/records', functions: recordsFunctions },
  { name: 'imports', folder: 'shared/imports', functions: importsFunctions },
  { name: 'checks', folder: 'shared/checks', functions: checksFunctions },
  { name: 'usage-log', folder: 'shared/usage-log', functions: usageLogFunctions },
  { name: 'reports', folder: 'shared/reports', functions: reportsFunctions },
  { name: 'objections', folder: 'shared/objections', functions: objectionsFunctions },
  { name: 'repairs', folder: 'shared/repairs', functions: repairsFunctions },
  { name: 'cases', folder: 'shared/cases', functions: casesFunctions },
  { name: 'usage-lists', folder: 'shared/usage-lists', functions: usageListsFunctions },
  { name: 'notices', folder: 'shared/notices', functions: noticesFunctions },
  { name: 'consents', folder: 'shared/consents', functions: consentsFunctions },
  { name: 'credit-report', folder: 'shared/credit-report', functions: creditReportFunctions },
  { name: 'public-site', folder: 'shared/public-site', functions: publicSiteFunctions },
  { name: 'departments', folder: 'shared/departments', functions: departmentsFunctions },
  { name: 'compliance', folder: 'shared/compliance', functions: complianceFunctions },
  { name: 'machine-clients', folder: 'shared/machine-clients', functions: machineClientsFunctions },
  { name: 'commitments', folder: 'shared/commitments', functions: commitmentsFunctions },
  { name: 'filings', folder: 'shared/filings', functions: filingsFunctions },
  { name: 'coverage', folder: 'shared/coverage', functions: coverageFunctions },
  { name: 'matter-lists', folder: 'shared/matter-lists', functions: matterListsFunctions },
  { name: 'bulletins', folder: 'shared/bulletins', functions: bulletinsFunctions },
  { name: 'exchange', folder: 'shared/exchange', functions: exchangeFunctions },
  { name: 'national-lists', folder: 'shared/national-lists', functions: nationalListsFunctions },
] as const;

export type CapabilityName = (typeof capabilities)[number]['name'];

/** Every function of a county stack. */
export const functions = [...recordsFunctions, ...importsFunctions, ...checksFunctions, ...usageLogFunctions, ...reportsFunctions, ...objectionsFunctions, ...repairsFunctions, ...casesFunctions, ...usageListsFunctions, ...noticesFunctions, ...consentsFunctions, ...creditReportFunctions, ...publicSiteFunctions, ...departmentsFunctions, ...complianceFunctions, ...machineClientsFunctions, ...commitmentsFunctions, ...filingsFunctions, ...coverageFunctions, ...matterListsFunctions, ...bulletinsFunctions, ...exchangeFunctions, ...nationalListsFunctions] as const satisfies readonly FunctionDeclaration[];

export type FunctionName = (typeof functions)[number]['name'];

export function functionNamed(name: string): FunctionDeclaration {
  const declaration = functions.find((f) => f.name === name);
  if (!declaration) throw new Error(`no function named "${name}" (known: ${functions.map((f) => f.name).join(", ")})`);
  return declaration;
}

/** The capability (and its folder) that declares a function. */
export function capabilityOf(name: string): (typeof capabilities)[number] {
  const capability = capabilities.find((c) => c.functions.some((f) => f.name === name));
  if (!capability) throw new Error(`no capability declares "${name}"`);
  return capability;
}
