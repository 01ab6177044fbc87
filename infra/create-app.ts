import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { CountyConfig } from '../shared/config/county-config.ts';
import { countyTemplates, mergeCountyTemplates, type CountyTemplate } from './county-templates.ts';
import { CountyStack } from './stack/county-stack.ts';
import { fromProjectRoot } from './stack/project-root.ts';

export const stackName = (county: Pick<CountyConfig, 'id'>): string => `CreditPlatform-${county.id}`;

export interface CreateAppOptions {
  counties: readonly CountyConfig[];
  /** false: skip esbuild bundling (tests, the local runtime); assets then point at the sources. */
  bundle: boolean;
  outdir?: string;
  /**
   * CDK's built-in CloudFormation schema validation, a few seconds per synth. Default: on when bundling
   * (`cdk synth`/deploy), off for the fast path. cdk-nag runs either way.
   */
  validateTemplates?: boolean;
}

/**
 * The CDK app: one stack per county (its resources in nested stacks, docs/stacks.md), checked by cdk-nag's AWS Solutions pack. Feature flags come from
 * cdk.json, so an in-process app (tests, local runtime) synthesizes what `cdk synth` does.
 */
export function createApp({ counties, bundle, outdir, validateTemplates = bundle }: CreateAppOptions): App {
  const app = new App({
    ...(outdir ? { outdir } : {}),
    builtinCloudFormationValidation: validateTemplates,
    context: {
      ...featureFlags(),
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  for (const county of counties) {
    new CountyStack(app, stackName(county), {
      county,
      description: `Public credit information platform of ${county.nameEn} (${county.divisionCode})`,
    });
  }
  // cdk-nag v3 is a policy-validation plugin: an unacknowledged error fails synthesis.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return app;
}

/**
 * One county's templates merged into one resource view (`mergeCountyTemplates`: cross-template references
 * resolved), synthesized in process without bundling: what the local runtime reads its state machines and
 * functions from.
 */
export function synthCountyTemplate(county: CountyConfig): Record<string, any> {
  return mergeCountyTemplates(synthCountyTemplates(county));
}

/** The county stack's template and each of its parts' (nested stacks), synthesized in process without bundling. */
export function synthCountyTemplates(county: CountyConfig): CountyTemplate[] {
  const outdir = mkdtempSync(join(tmpdir(), 'credit-platform-synth-'));
  try {
    const app = createApp({ counties: [county], bundle: false, outdir });
    const assembly = app.synth();
    return countyTemplates(assembly, app.node.findChild(stackName(county)) as CountyStack);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The feature flags of cdk.json, for any in-process App (tests build bare stacks with them too). */
export function featureFlags(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(fromProjectRoot('cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
