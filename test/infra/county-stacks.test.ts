import { readdirSync } from 'node:fs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '../../functions/catalog.ts';
import { countiesDir } from '../../shared/config/load-counties.ts';
import { stackName } from '../../infra/create-app.ts';
import { functionLogicalId, synthCounties, synthTimeoutMs } from './synth.ts';

let synth: ReturnType<typeof synthCounties>;
beforeAll(() => {
  // With CDK's CloudFormation schema validation, as `cdk synth` does: an invalid template fails here.
  synth = synthCounties(undefined, { validateTemplates: true });
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

describe('one stack per county file', () => {
  it('has a CreditPlatform-<id> stack for each file in infra/counties', () => {
    const ids = readdirSync(countiesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(ids).toEqual(['jiaxian', 'kunming', 'lianjiang', 'wuchang', 'zanhuang']);
    expect(synth.assembly.stacks.map((s) => s.stackName).sort()).toEqual(ids.map((id) => stackName({ id })));
  });

  it("gives every Lambda its county's id and its catalog name", () => {
    for (const { county, json } of synth.counties) {
      for (const declaration of catalog) {
        const variables = json.Resources[functionLogicalId(json, declaration.name)].Properties.Environment.Variables;
        expect(variables, `${county.id}/${declaration.name}`).toMatchObject({
          COUNTY_ID: county.id,
          POWERTOOLS_SERVICE_NAME: declaration.name,
        });
      }
    }
  });

  it('outputs what clients and operators need', () => {
    for (const { template } of synth.counties) {
      for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'ReportsBucketName', 'NoticesTopicArn']) {
        template.hasOutput(output, {});
      }
    }
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('reports no unacknowledged error or warning in any county stack', () => {
    for (const { county, stack } of synth.counties) {
      const report = new AwsSolutionsChecks().validateScope(stack);
      const findings = report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings, county.id).toEqual([]);
      // cdk-nag v2 reported through annotations (v3 through the validation report); no annotation error or
      // warning is allowed at all, nag's or CDK's. Read from the shared synthesis: Annotations.fromStack
      // would synthesize the whole app again on every call.
      const messages = synth.assembly.getStackArtifact(stack.artifactId).messages;
      const problems = messages.filter((m) => m.level === 'error' || m.level === 'warning');
      expect(problems.map((m) => `${m.id}: ${String(m.entry.data)}`), county.id).toEqual([]);
    }
  });

  it('keeps no acknowledgment that no longer matches a finding', () => {
    const { stack } = synth.county('jiaxian');
    const pack = new AwsSolutionsChecks();
    // Every finding, acknowledged or not (isAcknowledged is cdk-nag 3's private filter).
    (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const findings = pack.validateScope(stack).violations;
    const stale: string[] = [];
    const visit = (construct: typeof stack.node.root): void => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const key of Object.keys(entry.data as object)) {
          const id = key.replace(/^annotation::/i, '');
          const path = construct.node.path;
          const used = findings.some(
            (f) => f.ruleName === id && f.violatingResources.some((r) => r.constructPath === path || r.constructPath?.startsWith(`${path}/`)),
          );
          if (!used) stale.push(`${id} at ${path}`);
        }
      }
      construct.node.children.forEach(visit);
    };
    visit(stack);
    expect(stale).toEqual([]);
  });
});
