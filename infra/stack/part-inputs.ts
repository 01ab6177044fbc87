import { CfnParameter, type NestedStack } from 'aws-cdk-lib';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { creditTable, usageTable, type TableDefinition } from '../../shared/storage/tables.ts';
import type { FunctionResources, TableRef } from './functions.ts';

/** The stateful resources of the county's Storage part, as the functions' parts receive them. */
export interface StorageSources {
  creditTable: TableRef;
  usageTable: TableRef;
  reportsBucket: IBucket;
  noticesTopic: ITopic;
  storageKey: IKey;
  personalDataKey: IKey;
  personalDataMacKey: IKey;
  machineTokenKey: IKey;
  logsKey: IKey;
}

/**
 * What a functions part takes from the Storage part, each as a parameter of the part's template with a
 * readable name (`CreditDataTableArn`, `ReportsBucketName`, `LogsKeyArn`, …) that the parent fills from the
 * Storage part's outputs. A parameter is declared only when a function of the part uses the resource (the
 * getters are lazy). Readable names keep the cdk-nag acknowledgments exact: `Resource::<CreditDataTableArn>/index/*`.
 */
export class PartInputs extends Construct implements FunctionResources {
  private readonly part: NestedStack;
  private readonly sources: StorageSources;
  private readonly made = new Map<string, unknown>();

  constructor(part: NestedStack, id: string, sources: StorageSources) {
    super(part, id);
    this.part = part;
    this.sources = sources;
  }

  get creditTable(): TableRef {
    return this.table(creditTable, this.sources.creditTable);
  }

  get usageTable(): TableRef {
    return this.table(usageTable, this.sources.usageTable);
  }

  get reportsBucket(): IBucket {
    return this.once('ReportsBucket', () =>
      Bucket.fromBucketAttributes(this, 'ReportsBucket', {
        bucketArn: this.parameter('ReportsBucketArn', this.sources.reportsBucket.bucketArn),
        bucketName: this.parameter('ReportsBucketName', this.sources.reportsBucket.bucketName),
      }),
    );
  }

  get noticesTopic(): ITopic {
    return this.once('NoticesTopic', () => Topic.fromTopicArn(this, 'NoticesTopic', this.parameter('NoticesTopicArn', this.sources.noticesTopic.topicArn)));
  }

  get storageKey(): IKey {
    return this.key('StorageKey', this.sources.storageKey);
  }

  get personalDataKey(): IKey {
    return this.key('PersonalDataKey', this.sources.personalDataKey);
  }

  get personalDataMacKey(): IKey {
    return this.key('PersonalDataMacKey', this.sources.personalDataMacKey);
  }

  get machineTokenKey(): IKey {
    return this.key('MachineTokenKey', this.sources.machineTokenKey);
  }

  get logsKey(): IKey {
    return this.key('LogsKey', this.sources.logsKey);
  }

  private table(definition: TableDefinition, source: TableRef): TableRef {
    const id = `${definition.id}Table`;
    // Both as parameters (an imported ITable takes one and derives the other with Fn::Split).
    return this.once(id, () => ({ tableArn: this.parameter(`${id}Arn`, source.tableArn), tableName: this.parameter(`${id}Name`, source.tableName) }));
  }

  private key(id: string, source: IKey): IKey {
    return this.once(id, () => Key.fromKeyArn(this, id, this.parameter(`${id}Arn`, source.keyArn)));
  }

  /** A String parameter of the part named `name`, which the parent sets to `value` (a token of the Storage part). */
  private parameter(name: string, value: string): string {
    return this.once(`parameter:${name}`, () => {
      const parameter = new CfnParameter(this, name, { type: 'String', description: `${name} of the county's Storage part` });
      parameter.overrideLogicalId(name);
      this.part.setParameter(name, value);
      return parameter.valueAsString;
    });
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }
}
