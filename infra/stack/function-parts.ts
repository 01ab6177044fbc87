import { capabilities, type CapabilityName } from '../../functions/catalog.ts';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';

/**
 * Which template of a county holds the functions of each capability (with their routes, integrations,
 * permissions, schedules and S3 notifications), written once. docs/stacks.md says why these groups; each
 * stays far under CloudFormation's 500 resources (test/infra/template-sizes.test.ts fails past 400).
 *
 * Moving a capability to another part moves its functions, roles and log groups to another template: the
 * Lambdas are recreated there (nothing is lost, but their log groups are retained resources, see docs/stacks.md).
 */
export const functionParts = {
  /**
   * Entering and reading credit data: records, checks, the public site, departments, notices, and the matters
   * handled departments report beside their checks (coverage, 办件: here, not in Supervision, for Supervision's headroom).
   */
  Records: ['records', 'checks', 'public-site', 'departments', 'notices', 'coverage'],
  /** Objections and repairs, and the verification workflow that runs their cases. */
  Cases: ['objections', 'repairs', 'cases'],
  /**
   * Credit reports of agencies (uploads, the reports bucket's notifications), the county's credit report, consents,
   * and imports (their files arrive in the reports bucket: one notification configuration per bucket, one part);
   * the monthly bulletins (月通报), whose PDFs use the credit report's fonts and are kept in the same bucket.
   */
  Reports: ['reports', 'credit-report', 'consents', 'imports', 'bulletins'],
  /**
   * The credit office's supervision: usage lists, compliance, commitments' follow-up, departments' matter lists (事项清单), and its register of
   * departments' systems with the machine API's token service (their routes on the machine API live here too).
   */
  Supervision: ['usage-lists', 'compliance', 'commitments', 'machine-clients', 'filings', 'matter-lists'],
  /**
   * Exchange with the wider credit system (docs/exchange.md): records delivered up to the city and provincial
   * platforms, and the national lists taken down into checks; the usage log's sequencer and its public signed heads,
   * which anyone outside may keep and check (docs/usage-log.md).
   */
  Exchange: ['exchange', 'national-lists', 'usage-log'],
} as const satisfies Record<string, readonly CapabilityName[]>;

export type FunctionPartName = keyof typeof functionParts;

/** The part a capability's functions live in; a capability the mapping does not name fails synthesis. */
export function partOfCapability(name: CapabilityName): FunctionPartName {
  const parts = (Object.keys(functionParts) as FunctionPartName[]).filter((part) => (functionParts[part] as readonly string[]).includes(name));
  if (parts.length !== 1) {
    throw new Error(`capability "${name}" must be in exactly one function part of infra/stack/function-parts.ts (it is in ${parts.length})`);
  }
  return parts[0]!;
}

/** The declarations of each part, in catalog order: every function of the catalog in exactly one part. */
export function declarationsByPart(): Record<FunctionPartName, FunctionDeclaration[]> {
  const byPart = Object.fromEntries(Object.keys(functionParts).map((part) => [part, [] as FunctionDeclaration[]])) as Record<FunctionPartName, FunctionDeclaration[]>;
  for (const capability of capabilities) byPart[partOfCapability(capability.name)].push(...capability.functions);
  return byPart;
}
