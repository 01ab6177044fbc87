import { expect } from 'vitest';
import { personalDataActions, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { actionsOf, functionLogicalId, roleStatements } from './synth.ts';

const tableReads = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const tableWrites = ['dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const objectReads = ['s3:GetObject', 's3:GetObjectVersion'];
const objectWrites = ['s3:DeleteObject', 's3:PutObject'];

const sorted = (values: string[]) => [...new Set(values)].sort();

/** Asserts that a function's role and environment hold exactly what its declaration's `resources` name. */
export function expectGrantsFollow(json: Record<string, any>, declaration: FunctionDeclaration): void {
  const id = functionLogicalId(json, declaration.name);
  const statements = roleStatements(json, id);
  const env = json.Resources[id].Properties.Environment.Variables as Record<string, unknown>;
  const about = (logicalId: string) => statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId}"`));
  const on = (logicalId: string) => sorted(actionsOf(about(logicalId)));
  const { resources, name } = declaration;
  const allActions = actionsOf(statements);

  // Nothing beyond its own log group and the declared resources; no wildcard resource, no managed policy.
  const services = new Set(allActions.map((a) => a.split(':')[0]));
  for (const service of services) expect(['logs', 'dynamodb', 's3', 'sns', 'states', 'kms'], `${name}: ${service}`).toContain(service);
  for (const statement of statements) expect([statement.Resource].flat(), `${name}: a grant on every resource`).not.toContain('*');
  expect(allActions.filter((a) => a.includes('*')), `${name}: wildcard actions`).toEqual([]);
  const roleId = json.Resources[id].Properties.Role['Fn::GetAtt'][0];
  expect(json.Resources[roleId].Properties.ManagedPolicyArns, `${name}: managed policies`).toBeUndefined();

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
    // What the handlers call, and never a Scan: no request path or scheduled job scans a table.
    expect(actions, `${name} on ${logicalId}`).toEqual(sorted(access === 'read' ? tableReads : [...tableReads, ...tableWrites]));
  }
  if (!resources.creditTable && !resources.usageTable) {
    expect(allActions.filter((a) => a.startsWith('dynamodb:')), name).toEqual([]);
  }

  if (!resources.reportsBucket) {
    expect(allActions.filter((a) => a.startsWith('s3:')), name).toEqual([]);
    expect(env[resourceEnv.reportsBucket]).toBeUndefined();
  } else {
    expect(env[resourceEnv.reportsBucket]).toEqual({ Ref: 'ReportsBucket' });
    const listing = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': ['ReportsBucket', 'Arn'] }));
    expect(sorted(actionsOf(listing)), `${name} on the bucket itself`).toEqual(['s3:ListBucket']);
    const objects = statements.filter((s) => JSON.stringify(s.Resource).includes('"/*"') && JSON.stringify(s.Resource).includes('"ReportsBucket"'));
    expect(sorted(actionsOf(objects)), `${name} on objects`).toEqual(
      sorted(resources.reportsBucket === 'read' ? objectReads : [...objectReads, ...objectWrites]),
    );
  }

  expect(allActions.includes('sns:Publish'), `${name} publishes notices`).toBe(Boolean(resources.notices));
  expect(env[resourceEnv.noticesTopic] !== undefined).toBe(Boolean(resources.notices));

  // The storage key (tables, bucket, topic at rest): only through the service of a declared resource.
  const storageKeyVia: Record<string, string[]> = {};
  for (const statement of about('StorageKey')) {
    const via = /"(dynamodb|s3|sns)\."/.exec(JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService']))?.[1];
    expect(via, `${name}: the storage key through a service only`).toBeDefined();
    storageKeyVia[via!] = sorted([...(storageKeyVia[via!] ?? []), ...actionsOf([statement])]);
  }
  const tableAccess = [resources.creditTable, resources.usageTable];
  const expectedVia: Record<string, string[]> = {};
  if (tableAccess.some(Boolean)) {
    const writes = ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];
    expectedVia.dynamodb = sorted(['kms:Decrypt', 'kms:DescribeKey', ...(tableAccess.includes('readWrite') ? writes : [])]);
  }
  if (resources.reportsBucket) expectedVia.s3 = resources.reportsBucket === 'readWrite' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'];
  if (resources.notices) expectedVia.sns = ['kms:Decrypt', 'kms:GenerateDataKey'];
  expect(storageKeyVia, `${name}: storage key`).toEqual(expectedVia);

  // Resident ID numbers: exactly the actions of personalDataActions, on the right key, under their conditions.
  const personal = personalDataActions(declaration);
  expect(on('PersonalDataMacKey'), `${name} looks people up`).toEqual(personal.includes('lookup') ? ['kms:GenerateMac'] : []);
  for (const statement of about('PersonalDataMacKey')) {
    expect(statement.Condition).toEqual({ StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } });
  }
  expect(on('PersonalDataKey'), `${name} seals or opens`).toEqual(
    sorted([...(personal.includes('seal') ? ['kms:GenerateDataKey'] : []), ...(personal.includes('open') ? ['kms:Decrypt'] : [])]),
  );
  for (const statement of about('PersonalDataKey')) {
    expect(statement.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': 'resident-id' } });
  }
  const kmsResources = new Set(
    statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('kms:'))).map((s) => JSON.stringify(s.Resource)),
  );
  for (const resource of kmsResources) expect(resource, `${name}: KMS on a key of the stack`).toMatch(/"(StorageKey|PersonalDataKey|PersonalDataMacKey|MachineTokenKey)"/);
  // The machine API's token key: kms:Sign only to the token endpoint, its public key only to it and the JWKS.
  const tokens = resources.machineTokens;
  expect(on('MachineTokenKey'), `${name} signs or publishes machine tokens`).toEqual(tokens === 'sign' ? ['kms:GetPublicKey', 'kms:Sign'] : tokens === 'publish' ? ['kms:GetPublicKey'] : []);
  expect(env[resourceEnv.machineTokenKey], `${name} ${resourceEnv.machineTokenKey}`).toEqual(tokens === 'sign' || tokens === 'publish' ? { 'Fn::GetAtt': ['MachineTokenKey', 'Arn'] } : undefined);
  expect(env[resourceEnv.machineTokenIssuer] !== undefined, `${name} knows the machine API's issuer`).toBe(tokens !== undefined);
  const keyArns = { [resourceEnv.personalDataKey]: 'PersonalDataKey', [resourceEnv.personalDataMacKey]: 'PersonalDataMacKey' };
  for (const [envVar, key] of Object.entries(keyArns)) {
    expect(env[envVar], `${name} ${envVar}`).toEqual(personal.length > 0 ? { 'Fn::GetAtt': [key, 'Arn'] } : undefined);
  }

  const workflowActions = (resources.workflows ?? []).flatMap((w) => w.actions);
  expect(allActions.includes('states:StartExecution'), `${name} starts`).toBe(workflowActions.includes('start'));
  expect(allActions.includes('states:SendTaskSuccess'), `${name} answers`).toBe(workflowActions.includes('answer'));
  // A task answering its own workflow needs no ARN in its environment: the task token names the execution.
  const ownWorkflow = declaration.trigger.type === 'task' ? declaration.trigger.workflow : undefined;
  for (const { workflow } of resources.workflows ?? [])
    if (workflow !== ownWorkflow) expect(env[resourceEnv.workflowArn(workflow)]).toBeDefined();
}
