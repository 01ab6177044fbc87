import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNamed, functions as catalog } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { FunctionDeclaration } from '../../shared/functions/declaration.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { featureFlags } from '../../infra/create-app.ts';
import { Functions } from '../../infra/stack/functions.ts';
import { Notices } from '../../infra/stack/notices.ts';
import { Storage } from '../../infra/stack/storage.ts';
import { actionsOf, functionLogicalId, roleStatements, synthCounties, synthTimeoutMs } from './synth.ts';

const county = loadCounty('jiaxian');
const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Asserts that a function's role and environment hold exactly what its declaration's `resources` name. */
function expectGrantsFollow(json: Record<string, any>, declaration: FunctionDeclaration): void {
  const id = functionLogicalId(json, declaration.name);
  const statements = roleStatements(json, id);
  const env = json.Resources[id].Properties.Environment.Variables as Record<string, unknown>;
  const on = (logicalId: string) => actionsOf(statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId}"`)));
  const { resources, name } = declaration;

  for (const [access, logicalId, envVar] of [
    [resources.creditTable, 'CreditDataTable', 'CREDIT_TABLE'],
    [resources.usageTable, 'UsageLogTable', 'USAGE_TABLE'],
  ] as const) {
    const actions = on(logicalId);
    if (!access) {
      expect(actions, `${name} on ${logicalId}`).toEqual([]);
      expect(env[envVar]).toBeUndefined();
      continue;
    }
    expect(env[envVar], `${name} ${envVar}`).toEqual({ Ref: logicalId });
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    if (access === 'read') for (const write of writes) expect(actions, `${name} may only read ${logicalId}`).not.toContain(write);
    else expect(actions).toEqual(expect.arrayContaining(writes));
  }
  if (!resources.creditTable && !resources.usageTable) {
    expect(actionsOf(statements).filter((a) => a.startsWith('dynamodb:')), name).toEqual([]);
  }

  const bucketActions = on('ReportsBucket');
  if (!resources.reportsBucket) {
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:')), name).toEqual([]);
    expect(env[resourceEnv.reportsBucket]).toBeUndefined();
  } else {
    expect(env[resourceEnv.reportsBucket]).toEqual({ Ref: 'ReportsBucket' });
    expect(bucketActions).toContain('s3:GetObject*');
    if (resources.reportsBucket === 'read') {
      expect(bucketActions.filter((a) => a.startsWith('s3:Put') || a.startsWith('s3:Delete')), name).toEqual([]);
    } else {
      expect(bucketActions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject*']));
    }
  }

  expect(actionsOf(statements).includes('sns:Publish'), `${name} publishes notices`).toBe(Boolean(resources.notices));
  expect(env[resourceEnv.noticesTopic] !== undefined).toBe(Boolean(resources.notices));

  const workflowActions = (resources.workflows ?? []).flatMap((w) => w.actions);
  expect(actionsOf(statements).includes('states:StartExecution'), `${name} starts`).toBe(workflowActions.includes('start'));
  expect(actionsOf(statements).includes('states:SendTaskSuccess'), `${name} answers`).toBe(workflowActions.includes('answer'));
  for (const { workflow } of resources.workflows ?? []) expect(env[resourceEnv.workflowArn(workflow)]).toBeDefined();

  // Nothing beyond its own log group and the declared resources.
  const services = new Set(actionsOf(statements).map((a) => a.split(':')[0]));
  for (const service of services) expect(['logs', 'dynamodb', 's3', 'sns', 'states'], `${name}: ${service}`).toContain(service);
}

describe('grants of the catalog functions in a county stack', () => {
  let synth: ReturnType<typeof synthCounties>;
  beforeAll(() => {
    synth = synthCounties([county]);
  }, synthTimeoutMs);
  afterAll(() => synth?.cleanup());

  it.each(catalog.map((d) => [d.name, d] as const))('%s gets exactly its declared resources', (_, declaration) => {
    expectGrantsFollow(synth.county(county.id).json, declaration);
  });
});

/** A bare stack with the stack's storage and notices, and the given declarations (reusing existing handlers). */
function functionsStack(declarations: FunctionDeclaration[]): { stack: Stack; functions: Functions } {
  const app = new App({ context: { ...featureFlags(), 'aws:cdk:bundling-stacks': [] } });
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
  const workflow = new StateMachine(stack, 'Workflow', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Pass')) });
  functions.bindWorkflows({ verification: workflow });
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

  it('refuses a task function that would also start or answer its own workflow (a dependency cycle)', () => {
    const task = functionNamed('open-verification');
    expect(() =>
      functionsStack([{ ...task, resources: { workflows: [{ workflow: 'verification', actions: ['answer'] }] } }]),
    ).toThrow(/cannot also start or answer/);
  });
});
