import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { functions as catalog } from '../../functions/catalog.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { verificationWorkflow } from '../../shared/cases/workflows.ts';
import { Api } from './api.ts';
import { AtRestKeys } from './at-rest-keys.ts';
import { Functions } from './functions.ts';
import { Identity } from './identity.ts';
import { Notices } from './notices.ts';
import { PersonalDataKeys } from './personal-data-keys.ts';
import { Schedules } from './schedules.ts';
import { Storage } from './storage.ts';
import { Uploads } from './uploads.ts';
import { VerificationWorkflow } from './verification-workflow.ts';
import { Website } from './website.ts';

export interface CountyStackProps extends StackProps {
  county: CountyConfig;
}

/**
 * One county's platform: its keys, storage, identity, notices, the catalog's functions and what triggers them,
 * and its website.
 */
export class CountyStack extends Stack {
  readonly county: CountyConfig;

  constructor(scope: Construct, id: string, props: CountyStackProps) {
    super(scope, id, props);
    const { county } = props;
    this.county = county;

    const keys = new AtRestKeys(this, 'AtRestKeys', { countyId: county.id });
    const personalDataKeys = new PersonalDataKeys(this, 'PersonalDataKeys', { countyId: county.id });
    const storage = new Storage(this, 'Storage', { key: keys.storage });
    const identity = new Identity(this, 'Identity');
    const notices = new Notices(this, 'Notices', { key: keys.storage });
    const functions = new Functions(this, 'Functions', {
      county,
      declarations: catalog,
      creditTable: storage.creditTable,
      usageTable: storage.usageTable,
      reportsBucket: storage.reportsBucket,
      noticesTopic: notices.topic,
      storageKey: keys.storage,
      personalDataKeys,
      logsKey: keys.logs,
    });
    const verification = new VerificationWorkflow(this, 'VerificationWorkflow', { functions, logsKey: keys.logs });
    functions.bindWorkflows({ [verificationWorkflow.id]: { stateMachine: verification.stateMachine, name: verification.name } });

    const api = new Api(this, 'Api', { functions, userPool: identity.userPool, client: identity.client, throttle: county.api.throttle, logsKey: keys.logs });
    new Uploads(this, 'Uploads', { functions, reportsBucket: storage.reportsBucket });
    new Schedules(this, 'Schedules', { functions });
    const website = new Website(this, 'Website', { county, apiUrl: api.url, userPool: identity.userPool, client: identity.client, logsKey: keys.logs });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    new CfnOutput(this, 'ReportsBucketName', { value: storage.reportsBucket.bucketName });
    new CfnOutput(this, 'NoticesTopicArn', { value: notices.topic.topicArn });
    new CfnOutput(this, 'WebsiteUrl', { value: website.url });
  }
}
