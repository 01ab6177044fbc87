import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  QueryLanguage,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { verificationWorkflow, workflowTagKey, type CaseStep } from '../../shared/cases/workflows.ts';
import type { Functions } from './functions.ts';
import { countyStackOf } from './county-part.ts';
import { acknowledge, arnWildcardFinding, pinLogicalId } from './nag.ts';

/**
 * The verification workflow of objections and credit-repair cases (核实):
 *
 *   OpenCase → NextStep → AwaitAnswer → ApplyOutcome → CaseClosed
 *   AwaitAnswer (timeout) → WaitElapsed (reminders, overdue, escalations) → NextStep
 *   NextStep: an answered case → ApplyOutcome, a closed one → CaseClosed, a stuck one → CaseStuck, else AwaitAnswer
 *   any task failing after its retries → MarkStuck → CaseStuck
 *
 * A case may be taken up again by a new execution (`<caseId>-2`, …) when its execution is gone (stopped,
 * failed, timed out at the execution's limit): the input is still only the case id, and OpenCase tells
 * NextStep where the stored case stands.
 *
 * AwaitAnswer waits with a task token (.waitForTaskToken) for the provider's answer, at most until the
 * wake-up OpenCase or WaitElapsed planned (TimeoutSecondsPath: the next reminder, the end of the answer
 * day in working days, or the next escalation); a heartbeat is the backstop. State names come from
 * shared/cases/workflows.ts, which the task declarations and the local runtime share.
 */
export class VerificationWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** Fixed, so that its own tasks can be granted on its ARN without referencing it. */
  readonly name: string;

  constructor(scope: Construct, id: string, { functions, logsKey }: { functions: Functions; logsKey: IKey }) {
    super(scope, id);
    const { states, ends, route, taskRetry } = verificationWorkflow;
    const taskFunction = (state: string) => {
      const task = functions
        .triggeredBy('task')
        .find(({ trigger }) => trigger.workflow === verificationWorkflow.id && trigger.state === state);
      if (!task) throw new Error(`no task function declared for ${verificationWorkflow.id}.${state}`);
      return task.fn;
    };
    const fns = Object.values(states).map(taskFunction);
    const fn = (state: string) => taskFunction(state).function;
    const caseId = { caseId: JsonPath.stringAt('$.caseId') };
    const task = (state: string, props: { payload: Record<string, unknown>; resultPath: string }) => {
      const invoke = new LambdaInvoke(this, state, {
        stateName: state,
        lambdaFunction: fn(state),
        payload: TaskInput.fromObject(props.payload),
        payloadResponseOnly: true,
        resultPath: props.resultPath,
        retryOnServiceExceptions: false,
      });
      invoke.addRetry({
        errors: [Errors.TASKS_FAILED],
        interval: Duration.seconds(taskRetry.intervalSeconds),
        backoffRate: taskRetry.backoffRate,
        maxAttempts: taskRetry.maxAttempts,
      });
      return invoke;
    };

    const stuckEnd = new Fail(this, ends.stuck, { error: 'CaseStuck', cause: 'A task of the case failed after its retries; the case is kept as stuck' });
    const stuck = task(states.stuck, { payload: { ...caseId, error: JsonPath.objectAt('$.error') }, resultPath: '$.stuck' }).next(stuckEnd);
    const onFailure = { errors: [Errors.ALL], resultPath: '$.error' };
    const closed = new Succeed(this, ends.closed);

    const awaitAnswer = new LambdaInvoke(this, states.await, {
      stateName: states.await,
      lambdaFunction: fn(states.await),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...caseId, wakeAt: JsonPath.stringAt('$.wait.wakeAt'), taskToken: JsonPath.taskToken }),
      resultPath: '$.answer',
      // Until the planned wake-up: a callback never waits forever.
      taskTimeout: Timeout.at('$.wait.timeoutSeconds'),
      heartbeatTimeout: Timeout.duration(Duration.seconds(verificationWorkflow.heartbeatSeconds)),
      retryOnServiceExceptions: false,
    });
    awaitAnswer.addRetry({
      errors: [Errors.TASKS_FAILED],
      interval: Duration.seconds(taskRetry.intervalSeconds),
      backoffRate: taskRetry.backoffRate,
      maxAttempts: taskRetry.maxAttempts,
    });
    const elapsed = task(states.elapsed, { payload: caseId, resultPath: '$.wait' });
    elapsed.addCatch(stuck, onFailure);
    awaitAnswer.addCatch(elapsed, { errors: [Errors.TIMEOUT], resultPath: '$.timeout' });
    awaitAnswer.addCatch(stuck, onFailure);
    const apply = task(states.apply, { payload: caseId, resultPath: '$.applied' });
    apply.addCatch(stuck, onFailure);
    apply.next(closed);
    awaitAnswer.next(apply);

    // Where the case stands decides the next step: a case taken up again by a new execution may be answered already.
    const step = (value: CaseStep) => Condition.stringEquals(route.field, value);
    const nextStep = new Choice(this, route.state, { stateName: route.state })
      .when(step('apply'), apply)
      .when(step('closed'), closed)
      .when(step('stuck'), stuckEnd)
      .otherwise(awaitAnswer);

    elapsed.next(nextStep);

    const open = task(states.open, { payload: { ...caseId, executionArn: JsonPath.stringAt('$$.Execution.Id') }, resultPath: '$.wait' });
    open.addCatch(stuck, onFailure);
    const definition = open.next(nextStep);

    const logGroup = new LogGroup(this, 'Logs', {
      encryptionKey: logsKey,
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(logGroup, 'VerificationWorkflowLogs');
    // The county stack's name (`CreditPlatform-<id>`), not the part's: a fixed name the other parts can grant on.
    this.name = `${countyStackOf(this).stackName}-${verificationWorkflow.id}`;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.name,
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      comment: 'Objection or credit-repair case: open, await the provider answer (task token) with reminders and escalations, apply it',
      // Execution data stays out of the logs: AwaitAnswer's input carries the task token. Execution history is
      // encrypted with Step Functions' own key: it holds case ids and task tokens, never a person's data, and a
      // customer managed key would make every function that starts or answers a case a user of that key.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      // Step Functions ends a Standard execution at one year; ours ends a little before, and the reconciliation takes the case up again.
      timeout: Duration.seconds(verificationWorkflow.executionTimeoutSeconds),
      // Deleting the stack must not delete the state machine with the executions of open cases.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.stateMachine, 'VerificationStateMachine');
    Tags.of(this.stateMachine).add(workflowTagKey, verificationWorkflow.id);

    const role = this.stateMachine.role;
    for (const fn of fns) {
      acknowledge(role, arnWildcardFinding(fn.function, ':*'), `Invokes ${fn.declaration.name} (any version: CDK's LambdaInvoke grant).`);
    }
    acknowledge(role, 'IAM5[Resource::*]',
      'CloudWatch Logs delivery and X-Ray actions of Step Functions support no resource-level permissions.');
  }
}
