import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { loadCounties } from '../../shared/config/load-counties.ts';
import { createApp, stackName } from '../../infra/create-app.ts';
import { countyTemplates, mergeCountyTemplates, type CountyTemplate } from '../../infra/county-templates.ts';
import type { CountyStack } from '../../infra/stack/county-stack.ts';

/** Synthesis takes seconds (five stacks: a minute, more on a busy machine): each test file synthesizes once (without bundling) and shares the result. */
export const synthTimeoutMs = 180_000;

export interface SynthesizedCounty {
  county: CountyConfig;
  /** The county's own stack (its parts are nested stacks under it). */
  stack: Stack;
  /**
   * The county's templates merged into one resource view (infra/county-templates.ts): every resource of every
   * part, with references across templates resolved to what they refer to (`{ Ref: CreditDataTable }`).
   */
  template: Template;
  /** The merged view, raw, for walking resources that `Template` matchers make awkward. */
  json: Record<string, any>;
  /** Each template as CloudFormation gets it: the county stack's and its parts'. */
  templates: CountyTemplate[];
}

export function synthCounties(counties: CountyConfig[] = loadCounties(), { validateTemplates = false } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'credit-platform-test-'));
  const app = createApp({ counties, bundle: false, outdir, validateTemplates });
  const assembly = app.synth();
  const byId = new Map<string, SynthesizedCounty>();
  for (const county of counties) {
    const stack = app.node.findChild(stackName(county)) as CountyStack;
    const templates = countyTemplates(assembly, stack);
    const json = mergeCountyTemplates(templates);
    byId.set(county.id, { county, stack, json, templates, template: Template.fromJSON(json) });
  }
  return {
    app,
    assembly,
    counties: [...byId.values()],
    county: (id: string): SynthesizedCounty => {
      const found = byId.get(id);
      if (!found) throw new Error(`county ${id} was not synthesized`);
      return found;
    },
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

type Resources = Record<string, { Type: string; Properties?: any; [key: string]: any }>;

/** Logical id of the Lambda serving a catalog function (found by its POWERTOOLS_SERVICE_NAME, as the local runtime does). */
export function functionLogicalId(json: Record<string, any>, name: string): string {
  const ids = Object.entries(json.Resources as Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one Lambda for ${name}, found ${ids.length}`);
  return ids[0]!;
}

/** Every IAM statement attached (inline policies and AWS::IAM::Policy) to the role of a Lambda. */
export function roleStatements(json: Record<string, any>, functionId: string): any[] {
  const resources = json.Resources as Resources;
  const roleId = resources[functionId]!.Properties.Role['Fn::GetAtt'][0] as string;
  const attached = Object.values(resources).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as any[]).some((ref) => ref.Ref === roleId),
  );
  const inline = (resources[roleId]!.Properties.Policies ?? []) as any[];
  return [...attached.map((p) => p.Properties.PolicyDocument), ...inline.map((p) => p.PolicyDocument)].flatMap(
    (doc) => doc.Statement as any[],
  );
}

export const actionsOf = (statements: any[]): string[] => statements.flatMap((s) => [s.Action].flat() as string[]);

/** The state machine definition with every intrinsic replaced by a readable placeholder, parsed. */
export function stateMachineDefinition(definitionString: any): any {
  const parts: any[] = typeof definitionString === 'string' ? [definitionString] : definitionString['Fn::Join'][1];
  const text = parts
    .map((p) => (typeof p === 'string' ? p : p['Fn::GetAtt'] ? `<${p['Fn::GetAtt'][0]}.Arn>` : `<${p.Ref}>`))
    .join('');
  return JSON.parse(text);
}
