import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { pinLogicalId } from './nag.ts';

/** Notices to the county credit office (overdue verifications, calendar warnings); staff subscribe by e-mail. */
export class Notices extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, { key }: { key: IKey }) {
    super(scope, id);
    this.topic = new Topic(this, 'NoticesTopic', {
      enforceSSL: true,
      // The county's storage key: publishers are granted it through SNS only (Functions).
      masterKey: key,
    });
    this.topic.applyRemovalPolicy(RemovalPolicy.RETAIN);
    pinLogicalId(this.topic, 'NoticesTopic');
  }
}
