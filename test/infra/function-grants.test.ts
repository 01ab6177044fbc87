import type { KMSClient } from '@aws-sdk/client-kms';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { personalDataActions, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { kmsPersonalDataKeys } from '../../shared/privacy/personal-data-keys.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { AtRestKeys } from '../../infra/stack/at-rest-keys.ts';
import { Functions } from '../../infra/stack/functions.ts';
import { Notices } from '../../infra/stack/notices.ts';
import { personalDataEncryptionContext, personalDataMacAlgorithm, MachineTokenKey, PersonalDataKeys } from '../../infra/stack/personal-data-keys.ts';
import { Storage } from '../../infra/stack/storage.ts';
import { expectGrantsFollow } from './expect-grants.ts';
import { synthTimeoutMs } from './synth.ts';

const county = loadCounty('jiaxian');

/** A bare stack with the stack's keys, storage and notices, and the given declarations (reusing existing handlers). */
function functionsStack(declarations: FunctionDeclaration[]): { stack: Stack; functions: Functions } {
  const app = new App({ context: { ...featureFlags(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'GrantsUnderTest');
  const keys = new AtRestKeys(stack, 'AtRestKeys', { countyId: county.id });
  const storage = new Storage(stack, 'Storage', { key: keys.storage });
  const notices = new Notices(stack, 'Notices', { key: keys.storage });
  const personalDataKeys = new PersonalDataKeys(stack, 'PersonalDataKeys', { countyId: county.id });
  const functions = new Functions(stack, 'Functions', {
    county,
    declarations,
    resources: {
      creditTable: storage.creditTable,
      usageTable: storage.usageTable,
      reportsBucket: storage.reportsBucket,
      noticesTopic: notices.topic,
      storageKey: keys.storage,
      personalDataKey: personalDataKeys.key,
      personalDataMacKey: personalDataKeys.macKey,
      machineTokenKey: new MachineTokenKey(stack, 'MachineTokenKey', { countyId: county.id }).key,
      logsKey: keys.logs,
    },
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
        personalData: ['seal'],
      },
    },
    {
      ...functionNamed('get-county-profile'),
      resources: { usageTable: 'read', notices: true, workflows: [{ workflow: 'verification', actions: ['answer'] }], personalData: ['open'] },
    },
    { ...functionNamed('receive-upload'), resources: { reportsBucket: 'read' } },
    { ...functionNamed('check-calendar'), resources: {} },
    { ...functionNamed('overdue-scan'), resources: { creditTable: 'readWrite', personalData: ['lookup', 'seal', 'open'] } },
  ];
  let json: Record<string, any>;
  beforeAll(() => {
    json = Template.fromStack(functionsStack(variants).stack).toJSON();
  }, synthTimeoutMs);

  it.each(variants.map((d) => [d.name, d] as const))('%s gets exactly its declared resources', (_, declaration) => {
    expectGrantsFollow(json, declaration);
  });

  it('covers every personal-data case: a route with a token looks up without saying so, a public route or a schedule only as declared', () => {
    expect(variants.map((d) => [d.name, personalDataActions(d)])).toEqual([
      ['get-caller', ['lookup', 'seal']],
      ['get-county-profile', ['open']],
      ['receive-upload', []],
      ['check-calendar', []],
      ['overdue-scan', ['lookup', 'seal', 'open']],
    ]);
  });

  it('grants the encryption context and MAC algorithm the KMS adapter sends, so a grant never refuses the adapter', async () => {
    const sent: { name: string; input: any }[] = [];
    const kms = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return { Mac: new Uint8Array(32), Plaintext: new Uint8Array(32), CiphertextBlob: new Uint8Array(64) };
      },
    } as unknown as KMSClient;
    const keys = kmsPersonalDataKeys('arn:key', 'arn:mac-key', kms);
    await keys.mac('110101199003070016');
    await keys.newDataKey();
    await keys.unwrapDataKey(Buffer.alloc(64));
    expect(sent.map((c) => c.name)).toEqual(['GenerateMacCommand', 'GenerateDataKeyCommand', 'DecryptCommand']);
    expect(sent[0]!.input).toMatchObject({ KeyId: 'arn:mac-key', MacAlgorithm: personalDataMacAlgorithm });
    expect(sent[1]!.input).toMatchObject({ KeyId: 'arn:key', EncryptionContext: personalDataEncryptionContext });
    expect(sent[2]!.input).toMatchObject({ EncryptionContext: personalDataEncryptionContext });
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
