import { Stack } from 'aws-cdk-lib';
import { EventType, type IBucket, type NotificationKeyFilter } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import type { Functions } from './functions.ts';
import { acknowledge } from './nag.ts';

export interface UploadsProps {
  functions: Functions;
  /**
   * The reports bucket as the part receives it (PartInputs): the notification configuration is written from
   * the part of the functions it targets, so the Storage part never references a function (docs/stacks.md).
   */
  reportsBucket: IBucket;
}

/**
 * Object-created notifications of the reports bucket, one per `s3` declaration, filtered by its prefix/suffix.
 * All of them in one part (one notification configuration per bucket: a second part writing its own would
 * race with the first).
 */
export class Uploads extends Construct {
  constructor(scope: Construct, id: string, { functions, reportsBucket }: UploadsProps) {
    super(scope, id);
    const triggered = functions.triggeredBy('s3');
    for (const { fn, trigger } of triggered) {
      const filter: NotificationKeyFilter = { prefix: trigger.prefix, ...(trigger.suffix ? { suffix: trigger.suffix } : {}) };
      reportsBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn.function), filter);
    }
    if (triggered.length > 0) acknowledgeNotificationsHandler(Stack.of(this));
  }
}

/**
 * S3 notification configuration is written by CDK's singleton custom resource (it breaks the bucket ⇄ permission
 * cycle). Its Lambda and role are CDK's, not ours; the finding on them is acknowledged here.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) return;
  acknowledge(
    handler,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's S3 notifications handler (a deploy-time custom resource) logs with the basic execution role; CDK owns that role.",
  );
}
