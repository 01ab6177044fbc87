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

  it("throttles every route of both APIs (people's and machines') with the county's own limits (county file, api.throttle)", () => {
    for (const { county, json } of synth.counties) {
      const stages = Object.values(json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
      const limits = expect.objectContaining({ ThrottlingRateLimit: county.api.throttle.rateLimit, ThrottlingBurstLimit: county.api.throttle.burstLimit });
      expect(stages.map((s) => s.Properties.DefaultRouteSettings), county.id).toEqual([limits, limits]);
    }
  });

  it('outputs what clients and operators need', () => {
    for (const { template } of synth.counties) {
      for (const output of ['ApiUrl', 'MachineApiUrl', 'UserPoolId', 'UserPoolClientId', 'ReportsBucketName', 'NoticesTopicArn', 'WebsiteUrl']) {
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

  it('acknowledges findings one by one, each where it arises and with its own reason; no wildcard action anywhere', () => {
    const { stack } = synth.county('jiaxian');
    const acknowledged: { id: string; path: string; reason: string }[] = [];
    const visit = (construct: typeof stack.node.root): void => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.push({ id: key.replace(/^annotation::/i, ''), path: construct.node.path, reason });
        }
      }
      construct.node.children.forEach(visit);
    };
    visit(stack.node.root);
    for (const { id, path, reason } of acknowledged) {
      // Never on the app or the stack as a whole: on the construct the finding is about.
      expect(path.split('/').length, `${id} at ${path}`).toBeGreaterThan(1);
      expect(reason.length, `${id} at ${path}: a reason, not a label`).toBeGreaterThanOrEqual(40);
      // IAM findings name the exact policy or resource they accept.
      if (/-IAM[45]/.test(id)) expect(id, path).toMatch(/^AwsSolutions-IAM[45]\[(Policy|Resource)::.+\]$/);
    }
    // The kinds of finding this stack accepts; a new kind is a decision, made here.
    const kinds = [...new Set(acknowledged.map(({ id }) => id.replace(/^AwsSolutions-/, '').replace(/::.*$/, '')))].sort();
    expect(kinds).toEqual(['APIG4', 'CFR1', 'CFR2', 'CFR3', 'CFR4', 'COG2', 'COG8', 'IAM4[Policy', 'IAM5[Resource', 'L1', 'S1']);
    const resources = [...new Set(acknowledged.filter(({ id }) => id.includes('IAM5')).map(({ id }) => id.replace(/<[A-Za-z0-9]+(\.Arn|Arn)>/, '<…>').replace(/:execution:CreditPlatform-[a-z]+-/, ':execution:<stack>-')))].sort();
    expect(resources).toEqual([
      'AwsSolutions-IAM5[Resource::*]', // Step Functions log delivery and X-Ray: no resource-level permissions
      'AwsSolutions-IAM5[Resource::<…>/*]', // objects of the reports bucket
      'AwsSolutions-IAM5[Resource::<…>/index/*]', // indexes of a table
      'AwsSolutions-IAM5[Resource::<…>:*]', // versions of a Lambda invoked by the workflow or a schedule
      // executions of the verification workflow, known per case at run time: described and stopped by reconcile-cases and the answers
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<stack>-verification:*]',
    ]);
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
