import { Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { parseCron, scheduledEventInput } from '../../shared/lambda/schedule-expression.ts';
import type { Functions } from './functions.ts';
import { acknowledge, arnWildcardFinding } from './nag.ts';

/**
 * One EventBridge Scheduler schedule per `schedule` declaration, in the county's time zone. The declared
 * `cron(...)` string is used as is, so the declaration stays the single source of the timing.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, { functions }: { functions: Functions }) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const { fn, trigger } of functions.triggeredBy('schedule')) {
      // The same parser as the local scheduler's: an expression the two would read differently fails synth.
      parseCron(trigger.cron);
      const role = new Role(this, `${fn.node.id}SchedulerRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      });
      new Schedule(this, fn.node.id, {
        description: trigger.description,
        schedule: ScheduleExpression.expression(trigger.cron, TimeZone.ASIA_SHANGHAI),
        target: new LambdaInvoke(fn.function, {
          role,
          retryAttempts: 3,
          // The event the local scheduler sends too; `time` is the scheduled time.
          input: ScheduleTargetInput.fromObject({
            ...scheduledEventInput(fn.declaration.name, ContextAttribute.scheduledTime),
            id: ContextAttribute.executionId,
            resources: [ContextAttribute.scheduleArn],
          }),
        }),
      });
      acknowledge(role, arnWildcardFinding(fn.function, ':*'), `Invokes ${fn.declaration.name} (any version: CDK's LambdaInvoke grant).`);
    }
  }
}
