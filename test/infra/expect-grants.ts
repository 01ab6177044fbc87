import { expect } from 'vitest';
import type { FunctionDeclaration } from '../../shared/functions/declaration.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { actionsOf, functionLogicalId, roleStatements } from './synth.ts';

const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Asserts that a function's role and environment hold exactly what its declaration's `resources` name. */
export function expectGrantsFollow(json: Record<string, any>, declaration: FunctionDeclaration): void {
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
  // A task answering its own workflow needs no ARN in its environment: the task token names the execution.
  const ownWorkflow = declaration.trigger.type === 'task' ? declaration.trigger.workflow : undefined;
  for (const { workflow } of resources.workflows ?? [])
    if (workflow !== ownWorkflow) expect(env[resourceEnv.workflowArn(workflow)]).toBeDefined();

  // Nothing beyond its own log group and the declared resources.
  const services = new Set(actionsOf(statements).map((a) => a.split(':')[0]));
  for (const service of services) expect(['logs', 'dynamodb', 's3', 'sns', 'states'], `${name}: ${service}`).toContain(service);
}
