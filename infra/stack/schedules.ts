import { Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Functions } from './functions.ts';
import { acknowledge, arnWildcardFinding } from './nag.ts';

/** `cron(min hour day-of-month month day-of-week year)`, as EventBridge Scheduler writes it. */
const cronPattern = /^cron\((\S+ ){5}\S+\)$/;

/**
 * One EventBridge Scheduler schedule per `schedule` declaration, in the county's time zone. The declared
 * `cron(...)` string is used as is, so the declaration stays the single source of the timing.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, { functions }: { functions: Functions }) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const { fn, trigger } of functions.triggeredBy('schedule')) {
      if (!cronPattern.test(trigger.cron)) {
        throw new Error(`${fn.declaration.name}: "${trigger.cron}" is not cron(min hour day month weekday year)`);
      }
      const role = new Role(this, `${fn.node.id}SchedulerRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      });
      new Schedule(this, fn.node.id, {
        description: trigger.description,
        schedule: ScheduleExpression.expression(trigger.cron, TimeZone.ASIA_SHANGHAI),
        target: new LambdaInvoke(fn.function, {
          role,
          retryAttempts: 3,
          // Shaped like an EventBridge scheduled event, so handlers read `time` as they would from a rule.
          input: ScheduleTargetInput.fromObject({
            version: '0',
            id: ContextAttribute.executionId,
            'detail-type': 'Scheduled Event',
            source: 'aws.scheduler',
            account: stack.account,
            time: ContextAttribute.scheduledTime,
            region: stack.region,
            resources: [ContextAttribute.scheduleArn],
            detail: {},
          }),
        }),
      });
      acknowledge(role, arnWildcardFinding(fn.function, ':*'), `Invokes ${fn.declaration.name} (any version: CDK's LambdaInvoke grant).`);
    }
  }
}
