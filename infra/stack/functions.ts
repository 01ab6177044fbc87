import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { personalDataActions, type Access, type FunctionDeclaration, type PersonalDataAction, type Trigger } from '../../shared/lambda/declaration.ts';
import { creditTable, resourceEnv, usageTable, type TableDefinition } from '../../shared/storage/tables.ts';
import { CreditFunction } from './credit-function.ts';
import { acknowledge, pinLogicalId, wildcardFinding } from './nag.ts';
import { personalDataEncryptionContext, personalDataMacAlgorithm } from './personal-data-keys.ts';

/**
 * The county resources the functions may be granted, by their declarations. Read only for a declaration that
 * names the resource: a functions part (PartInputs) declares a template parameter on first read.
 */
/** What the grants read of a table: its ARN and name (a part receives both as parameters). */
export type TableRef = Pick<ITable, 'tableArn' | 'tableName'>;

export interface FunctionResources {
  readonly creditTable: TableRef;
  readonly usageTable: TableRef;
  readonly reportsBucket: IBucket;
  readonly noticesTopic: ITopic;
  /** The key both tables, the bucket and the topic are encrypted with (AtRestKeys.storage). */
  readonly storageKey: IKey;
  /** Wraps the data keys sealing resident ID numbers (PersonalDataKeys.key). */
  readonly personalDataKey: IKey;
  /** Makes the keyed hash resident ID numbers are looked up by (PersonalDataKeys.macKey). */
  readonly personalDataMacKey: IKey;
  /** Signs the machine API's tokens (MachineTokenKey). */
  readonly machineTokenKey: IKey;
  /** The key of every function's log group. */
  readonly logsKey: IKey;
}

export interface FunctionsProps {
  county: CountyConfig;
  declarations: readonly FunctionDeclaration[];
  resources: FunctionResources;
}

/**
 * Every function of the catalog, each granted exactly what its declaration's `resources` name, with the
 * environment variable that tells the handler where that resource is: the handlers' own actions, no
 * wildcard action, and the storage key only through the service of a declared resource. Workflows are
 * bound afterwards (`bindWorkflows`), because the state machines are built from the task functions made here.
 */
export class Functions extends Construct {
  private readonly byName = new Map<string, CreditFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const county = props.resources;
    for (const declaration of props.declarations) {
      const fn = new CreditFunction(this, pascalCase(declaration.name), { declaration, county: props.county, logsKey: county.logsKey });
      // Retained: a new logical id would leave the old group behind and start an empty one (docs/stacks.md).
      pinLogicalId(fn.logGroup, `${pascalCase(declaration.name)}LogGroup`);
      const { resources } = declaration;
      if (resources.creditTable) bindTable(fn, county.creditTable, creditTable, resources.creditTable, county.storageKey);
      if (resources.usageTable) bindTable(fn, county.usageTable, usageTable, resources.usageTable, county.storageKey);
      if (resources.reportsBucket) bindBucket(fn, county.reportsBucket, resources.reportsBucket, county.storageKey);
      if (resources.notices) bindTopic(fn, county.noticesTopic, county.storageKey);
      const personal = personalDataActions(declaration);
      if (personal.length > 0) bindPersonalData(fn, { key: county.personalDataKey, macKey: county.personalDataMacKey }, personal);
      this.byName.set(declaration.name, fn);
    }
  }

  get all(): CreditFunction[] {
    return [...this.byName.values()];
  }

  named(name: string): CreditFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`no function named "${name}" in the catalog`);
    return fn;
  }

  /** The functions a trigger type invokes, with their trigger narrowed. */
  triggeredBy<T extends Trigger['type']>(type: T): { fn: CreditFunction; trigger: Extract<Trigger, { type: T }> }[] {
    return this.all
      .filter((fn) => fn.declaration.trigger.type === type)
      .map((fn) => ({ fn, trigger: fn.declaration.trigger as Extract<Trigger, { type: T }> }));
  }

  /**
   * The machine API's token key and issuer, as each declaration's `machineTokens` says: `sign` may kms:Sign,
   * `publish` may kms:GetPublicKey, and every one of them (and `issuer` alone) knows the issuer URL, the machine
   * API's own. Bound once the API exists (its URL is the issuer).
   */
  bindMachineTokens(issuer: string, key: IKey): void {
    for (const fn of this.all) {
      const use = fn.declaration.resources.machineTokens;
      if (!use) continue;
      fn.addEnvironment(resourceEnv.machineTokenIssuer, issuer);
      if (use === 'issuer') continue;
      fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: use === 'sign' ? ['kms:Sign', 'kms:GetPublicKey'] : ['kms:GetPublicKey'], resources: [key.keyArn] }));
      fn.addEnvironment(resourceEnv.machineTokenKey, key.keyArn);
    }
  }

  /**
   * Grants start / answer (task success, failure, heartbeat) / inspect and stop (its executions) on the
   * declared workflows and passes their ARNs. A task of a workflow may answer its own workflow (a wait that finds its answer already stored
   * resumes itself), granted on the ARN built from the state machine's fixed name: a reference to the
   * state machine would make a dependency cycle with the definition that references the task. It may
   * not start it.
   */
  bindWorkflows(workflows: Readonly<Record<string, { stateMachine: IStateMachine; name: string }>>): void {
    for (const fn of this.all) {
      const { trigger, resources } = fn.declaration;
      for (const { workflow, actions } of resources.workflows ?? []) {
        const bound = workflows[workflow];
        if (!bound) throw new Error(`${fn.declaration.name}: unknown workflow "${workflow}"`);
        if (trigger.type === 'task' && trigger.workflow === workflow) {
          if (actions.includes('start')) throw new Error(`${fn.declaration.name}: a task of workflow "${workflow}" cannot also start it`);
          const arn = Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: bound.name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
          fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: taskResponseActions, resources: [arn] }));
          continue;
        }
        fn.addEnvironment(resourceEnv.workflowArn(workflow), bound.stateMachine.stateMachineArn);
        if (actions.includes('start')) bound.stateMachine.grantStartExecution(fn.role);
        if (actions.includes('answer')) bound.stateMachine.grantTaskResponse(fn.role);
        // On the workflow's executions only (`execution:<name>:*`), not on every state machine.
        const onExecutions = [...(actions.includes('inspect') ? ['states:DescribeExecution'] : []), ...(actions.includes('stop') ? ['states:StopExecution'] : [])];
        if (onExecutions.length > 0) this.grantOnExecutions(fn, bound.name, onExecutions);
      }
    }
  }

  /**
   * Describe or stop the workflow's executions (the reconciliation, an answer finding its execution gone):
   * on `execution:<state machine>:*`, built from the fixed name like a task's own grant, since an
   * execution's ARN is only known per case.
   */
  private grantOnExecutions(fn: CreditFunction, stateMachineName: string, actions: string[]): void {
    const executions = Stack.of(this).formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [executions] }));
    acknowledge(
      fn.role,
      `IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName}:*]`,
      `${actions.join(' and ')} on the executions of ${stateMachineName} only: an execution's ARN is known per case, at run time.`,
    );
  }
}

const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];

/** DynamoDB actions the handlers call, per declared access: no Scan (no request path scans), no streams, no DescribeTable. */
const tableActions: Record<Access, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  // Transactions are authorized item by item, as PutItem, UpdateItem, DeleteItem and ConditionCheckItem.
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/**
 * What DynamoDB may ask of the caller's rights on a table's customer managed key: CDK's table grants, with
 * their wildcards spelled out (GenerateDataKey*, ReEncrypt*) and no key-pair generation.
 */
const tableKeyActions: Record<Access, string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readWrite: [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
  ],
};

function bindTable(fn: CreditFunction, table: TableRef, definition: TableDefinition, access: Access, storageKey: IKey): void {
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: tableActions[access], resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  );
  grantKeyThrough(fn, storageKey, 'dynamodb', tableKeyActions[access]);
  fn.addEnvironment(definition.envVar, table.tableName);
  if (definition.indexes.length > 0) {
    acknowledge(
      fn.role,
      wildcardFinding(fn.role, table.tableArn, '/index/*'),
      `Queries the ${definition.indexes.map((i) => i.name).join(', ')} indexes of ${definition.id}; index ARNs are only addressable as table/index/*.`,
    );
  }
}

/**
 * S3 actions the handlers call, per declared access, on objects: GetObject (also HeadObject, presigned GET),
 * GetObjectVersion (HeadObject of the version an event names); PutObject (presigned POST uploads, CopyObject)
 * and DeleteObject. ListBucket on the bucket: listing evidence, and a missing key answers 404, not 403.
 */
const bucketObjectActions: Record<Access, string[]> = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  readWrite: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
};
const bucketKeyActions: Record<Access, string[]> = {
  read: ['kms:Decrypt'],
  // A presigned POST is authorized as its signer: S3 asks KMS for the object's data key in the signer's name.
  readWrite: ['kms:Decrypt', 'kms:GenerateDataKey'],
};

function bindBucket(fn: CreditFunction, bucket: IBucket, access: Access, storageKey: IKey): void {
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: bucketObjectActions[access], resources: [bucket.arnForObjects('*')] }));
  grantKeyThrough(fn, storageKey, 's3', bucketKeyActions[access]);
  fn.addEnvironment(resourceEnv.reportsBucket, bucket.bucketName);
  acknowledge(
    fn.role,
    wildcardFinding(fn.role, bucket.bucketArn, '/*'),
    'Report and upload objects have caller-chosen keys anywhere in the reports bucket; the grant is limited to that bucket.',
  );
}

function bindTopic(fn: CreditFunction, topic: ITopic, storageKey: IKey): void {
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
  // What SNS asks of a publisher to an encrypted topic: a data key for the message, and Decrypt of a cached one.
  grantKeyThrough(fn, storageKey, 'sns', ['kms:GenerateDataKey', 'kms:Decrypt']);
  fn.addEnvironment(resourceEnv.noticesTopic, topic.topicArn);
}

/**
 * The storage key, for the calls a service makes in the function's name when it reads or writes the data it
 * keeps (kms:ViaService): never directly, so the key serves the declared table, bucket or topic and nothing else.
 */
function grantKeyThrough(fn: CreditFunction, key: IKey, service: 'dynamodb' | 's3' | 'sns', actions: string[]): void {
  const stack = Stack.of(fn);
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${stack.region}.${stack.urlSuffix}` } },
    }),
  );
}

/**
 * Resident ID numbers, as `personalDataActions(declaration)` says: `lookup` may make keyed hashes
 * (GenerateMac on the HMAC key, HMAC_SHA_256 only), `seal` may make data keys (GenerateDataKey) and `open`
 * may unwrap them (Decrypt), both on the personal-data key and only for the resident-id encryption context.
 * Both key ARNs go to every function with any action (the adapter needs both to choose KMS); the grants are
 * the boundary.
 */
function bindPersonalData(fn: CreditFunction, keys: { key: IKey; macKey: IKey }, actions: readonly PersonalDataAction[]): void {
  if (actions.length === 0) return;
  if (actions.includes('lookup')) {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:GenerateMac'],
        resources: [keys.macKey.keyArn],
        conditions: { StringEquals: { 'kms:MacAlgorithm': personalDataMacAlgorithm } },
      }),
    );
  }
  const keyActions = [...(actions.includes('seal') ? ['kms:GenerateDataKey'] : []), ...(actions.includes('open') ? ['kms:Decrypt'] : [])];
  if (keyActions.length > 0) {
    const context = Object.fromEntries(Object.entries(personalDataEncryptionContext).map(([k, v]) => [`kms:EncryptionContext:${k}`, v]));
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: keyActions, resources: [keys.key.keyArn], conditions: { StringEquals: context } }));
  }
  fn.addEnvironment(resourceEnv.personalDataKey, keys.key.keyArn);
  fn.addEnvironment(resourceEnv.personalDataMacKey, keys.macKey.keyArn);
}

const pascalCase = (kebab: string): string => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
