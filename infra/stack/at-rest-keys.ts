import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { pinLogicalId } from './nag.ts';

/**
 * Customer managed keys for data at rest, so that every read of stored data is a KMS call on a key of this
 * county (visible in CloudTrail, revocable by disabling the key):
 * - `storage`: the two tables, the reports bucket and the notices topic. Functions use it only through those
 *   services (kms:ViaService), with the access their declaration gives them to the resource.
 * - `logs`: every log group of the stack (functions, API access, workflow). Only CloudWatch Logs uses it.
 * Neither is the personal-data key: a function that reads a table must not be able to unwrap resident ID numbers.
 */
export class AtRestKeys extends Construct {
  readonly storage: Key;
  readonly logs: Key;

  constructor(scope: Construct, id: string, { countyId }: { countyId: string }) {
    super(scope, id);
    const stack = Stack.of(this);

    this.storage = new Key(this, 'Storage', {
      description: `Credit platform ${countyId}: tables, reports bucket and notices topic at rest`,
      alias: `alias/credit-platform/${countyId}/storage`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.storage, 'StorageKey');

    this.logs = new Key(this, 'Logs', {
      description: `Credit platform ${countyId}: CloudWatch log groups`,
      alias: `alias/credit-platform/${countyId}/logs`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.logs, 'LogsKey');
    // CloudWatch Logs encrypts with the key itself, for log groups of this account and region only.
    this.logs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      }),
    );
  }
}
