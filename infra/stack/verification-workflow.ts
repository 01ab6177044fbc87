import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Errors,
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
import { verificationWorkflow, workflowTagKey } from '../../shared/workflows/workflows.ts';
import type { Functions } from './functions.ts';
import { acknowledge, arnWildcardFinding } from './nag.ts';

/**
 * The verification case (核实): open it with a working-day deadline, wait for the provider's answer with a
 * task token (a heartbeat as a backstop), close it, or report it overdue when the deadline passes.
 * State names come from shared/workflows/workflows.ts, which the task declarations and local runtime share.
 */
export class VerificationWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, { functions }: { functions: Functions }) {
    super(scope, id);
    const { states } = verificationWorkflow;
    const taskFunction = (state: string) => {
      const task = functions
        .triggeredBy('task')
        .find(({ trigger }) => trigger.workflow === verificationWorkflow.id && trigger.state === state);
      if (!task) throw new Error(`no task function declared for ${verificationWorkflow.id}.${state}`);
      return task.fn;
    };
    const open = taskFunction(states.open);
    const wait = taskFunction(states.await);
    const close = taskFunction(states.close);
    const overdue = taskFunction(states.overdue);

    const reportOverdue = new LambdaInvoke(this, states.overdue, {
      stateName: states.overdue,
      lambdaFunction: overdue.function,
      payloadResponseOnly: true,
      resultPath: '$.overdue',
    }).next(new Succeed(this, 'VerificationOverdue'));

    const awaitAnswer = new LambdaInvoke(this, states.await, {
      stateName: states.await,
      lambdaFunction: wait.function,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        caseId: JsonPath.stringAt('$.caseId'),
        recordId: JsonPath.stringAt('$.recordId'),
        providerOrgId: JsonPath.stringAt('$.providerOrgId'),
        answerBy: JsonPath.stringAt('$.deadline.answerBy'),
        taskToken: JsonPath.taskToken,
      }),
      resultPath: '$.answer',
      // The answer day's end, computed in working days by OpenVerification: a callback never waits forever.
      taskTimeout: Timeout.at('$.deadline.timeoutSeconds'),
      heartbeatTimeout: Timeout.duration(Duration.seconds(verificationWorkflow.heartbeatSeconds)),
    });
    awaitAnswer.addCatch(reportOverdue, { errors: [Errors.TIMEOUT], resultPath: '$.timeout' });

    const definition = new LambdaInvoke(this, states.open, {
      stateName: states.open,
      lambdaFunction: open.function,
      payloadResponseOnly: true,
      resultPath: '$.deadline',
    })
      .next(awaitAnswer)
      .next(
        new LambdaInvoke(this, states.close, {
          stateName: states.close,
          lambdaFunction: close.function,
          payloadResponseOnly: true,
          resultPath: '$.closed',
        }),
      )
      .next(new Succeed(this, 'VerificationClosed'));

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      comment: 'Verification case: open, await the provider answer (task token), close or report overdue',
      // Execution data stays out of the logs: AwaitVerification's input carries the task token.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    Tags.of(this.stateMachine).add(workflowTagKey, verificationWorkflow.id);

    const role = this.stateMachine.role;
    for (const fn of [open, wait, close, overdue]) {
      acknowledge(role, arnWildcardFinding(fn.function, ':*'), `Invokes ${fn.declaration.name} (any version: CDK's LambdaInvoke grant).`);
    }
    acknowledge(role, 'IAM5[Resource::*]',
      'CloudWatch Logs delivery and X-Ray actions of Step Functions support no resource-level permissions.');
  }
}
