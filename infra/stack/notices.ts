import { RemovalPolicy } from 'aws-cdk-lib';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { pinLogicalId } from './nag.ts';

/** Notices to the county credit office (overdue verifications, calendar warnings); staff subscribe by e-mail. */
export class Notices extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'NoticesTopic', {
      enforceSSL: true,
      // The AWS managed key: only Lambda roles publish, and its key policy admits SNS callers of this account.
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });
    this.topic.applyRemovalPolicy(RemovalPolicy.RETAIN);
    pinLogicalId(this.topic, 'NoticesTopic');
  }
}
