import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { FunctionDeclaration } from '../../shared/functions/declaration.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { Functions } from '../../infra/stack/functions.ts';
import { Notices } from '../../infra/stack/notices.ts';
import { Storage } from '../../infra/stack/storage.ts';
import { expectGrantsFollow } from './expect-grants.ts';
import { synthTimeoutMs } from './synth.ts';

const county = loadCounty('jiaxian');

/** A bare stack with the stack's storage and notices, and the given declarations (reusing existing handlers). */
function functionsStack(declarations: FunctionDeclaration[]): { stack: Stack; functions: Functions } {
  const app = new App({ context: { ...featureFlags(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'GrantsUnderTest');
  const storage = new Storage(stack, 'Storage');
  const notices = new Notices(stack, 'Notices');
  const functions = new Functions(stack, 'Functions', {
    county,
    declarations,
    creditTable: storage.creditTable,
    usageTable: storage.usageTable,
    reportsBucket: storage.reportsBucket,
    noticesTopic: notices.topic,
  });
  const workflow = new StateMachine(stack, 'Workflow', { stateMachineName: 'grants-verification', definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Pass')) });
  functions.bindWorkflows({ verification: { stateMachine: workflow, name: 'grants-verification' } });
  return { stack, functions };
}

describe('grants for every kind of declared access', () => {
  const variants: FunctionDeclaration[] = [
    {
      ...functionNamed('get-caller'),
      resources: {
        creditTable: 'read',
        usageTable: 'readWrite',
        reportsBucket: 'readWrite',
        workflows: [{ workflow: 'verification', actions: ['start'] }],
      },
    },
    {
      ...functionNamed('get-county-profile'),
      resources: { usageTable: 'read', notices: true, workflows: [{ workflow: 'verification', actions: ['answer'] }] },
    },
    { ...functionNamed('receive-upload'), resources: { reportsBucket: 'read' } },
    { ...functionNamed('check-calendar'), resources: {} },
  ];
  let json: Record<string, any>;
  beforeAll(() => {
    json = Template.fromStack(functionsStack(variants).stack).toJSON();
  }, synthTimeoutMs);

  it.each(variants.map((d) => [d.name, d] as const))('%s gets exactly its declared resources', (_, declaration) => {
    expectGrantsFollow(json, declaration);
  });

  it('refuses a task function that would also start its own workflow', () => {
    const task = functionNamed('open-case');
    expect(() => functionsStack([{ ...task, resources: { workflows: [{ workflow: 'verification', actions: ['start'] }] } }])).toThrow(/cannot also start it/);
  });

  it("lets a task answer its own workflow, granted on the state machine's ARN built from its name (no reference, no cycle)", () => {
    const task = functionNamed('await-case-answer');
    const template = Template.fromStack(functionsStack([task]).stack).toJSON();
    expectGrantsFollow(template, task);
    const statements = Object.values(template.Resources as Record<string, any>)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
    const answer = statements.find((s) => [s.Action].flat().includes('states:SendTaskSuccess'));
    expect(JSON.stringify(answer.Resource)).toContain(':stateMachine:grants-verification');
    // Only pseudo parameters (partition, region, account): no reference to a resource of the stack.
    expect(JSON.stringify(answer.Resource)).not.toMatch(/"Ref":"(?!AWS::)|Fn::GetAtt/);
  });
});
