import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Access, FunctionDeclaration, Trigger } from '../../shared/functions/declaration.ts';
import { creditTable, resourceEnv, usageTable, type TableDefinition } from '../../shared/storage/tables.ts';
import { CreditFunction } from './credit-function.ts';
import { acknowledge, arnWildcardFinding } from './nag.ts';

export interface FunctionsProps {
  county: CountyConfig;
  declarations: readonly FunctionDeclaration[];
  creditTable: Table;
  usageTable: Table;
  reportsBucket: IBucket;
  noticesTopic: ITopic;
}

/**
 * Every function of the catalog, each granted exactly what its declaration's `resources` name, with the
 * environment variable that tells the handler where that resource is. Workflows are bound afterwards
 * (`bindWorkflows`), because the state machines are built from the task functions made here.
 */
export class Functions extends Construct {
  private readonly byName = new Map<string, CreditFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    for (const declaration of props.declarations) {
      const fn = new CreditFunction(this, pascalCase(declaration.name), { declaration, county: props.county });
      const { resources } = declaration;
      if (resources.creditTable) bindTable(fn, props.creditTable, creditTable, resources.creditTable);
      if (resources.usageTable) bindTable(fn, props.usageTable, usageTable, resources.usageTable);
      if (resources.reportsBucket) bindBucket(fn, props.reportsBucket, resources.reportsBucket);
      if (resources.notices) {
        // sns:Publish only: the topic's AWS managed key admits SNS callers of this account by its key policy, so
        // grantPublish's extra kms:GenerateDataKey* on key/* would only widen the role.
        fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [props.noticesTopic.topicArn] }));
        fn.addEnvironment(resourceEnv.noticesTopic, props.noticesTopic.topicArn);
      }
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
   * Grants start / answer (task success, failure, heartbeat) on the declared workflows and passes their
   * ARNs. A task of a workflow may answer its own workflow (a wait that finds its answer already stored
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
      }
    }
  }
}

const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];

function bindTable(fn: CreditFunction, table: Table, definition: TableDefinition, access: Access): void {
  if (access === 'readWrite') table.grantReadWriteData(fn.role);
  else table.grantReadData(fn.role);
  fn.addEnvironment(definition.envVar, table.tableName);
  if (definition.indexes.length > 0) {
    acknowledge(
      fn.role,
      arnWildcardFinding(table, '/index/*'),
      `Queries the ${definition.indexes.map((i) => i.name).join(', ')} indexes of ${definition.id}; index ARNs are only addressable as table/index/*.`,
    );
  }
}

/** Wildcard actions of CDK's bucket grants, scoped to this one bucket. */
const bucketGrantWildcards: Record<Access, string[]> = {
  read: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
  readWrite: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'],
};

function bindBucket(fn: CreditFunction, bucket: IBucket, access: Access): void {
  if (access === 'readWrite') bucket.grantReadWrite(fn.role);
  else bucket.grantRead(fn.role);
  fn.addEnvironment(resourceEnv.reportsBucket, bucket.bucketName);
  acknowledge(
    fn.role,
    arnWildcardFinding(bucket, '/*'),
    'Report and upload objects have caller-chosen keys anywhere in the reports bucket; the grant is limited to that bucket.',
  );
  for (const action of bucketGrantWildcards[access]) {
    acknowledge(fn.role, `IAM5[Action::${action}]`, `CDK's standard ${access} grant on the reports bucket only (object versions, tags, listing).`);
  }
}

const pascalCase = (kebab: string): string => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
