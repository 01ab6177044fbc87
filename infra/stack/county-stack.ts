import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { verificationWorkflow } from '../../shared/cases/workflows.ts';
import { Api } from './api.ts';
import { AtRestKeys } from './at-rest-keys.ts';
import { CountyPart } from './county-part.ts';
import { declarationsByPart, functionParts, type FunctionPartName } from './function-parts.ts';
import { FunctionsPart } from './functions-part.ts';
import { Identity } from './identity.ts';
import { Notices } from './notices.ts';
import { MachineTokenKey, PersonalDataKeys } from './personal-data-keys.ts';
import { Storage } from './storage.ts';
import { VerificationWorkflow } from './verification-workflow.ts';
import { Website } from './website.ts';

export interface CountyStackProps extends StackProps {
  county: CountyConfig;
}

/**
 * One county's platform, deployed as one stack (`CreditPlatform-<id>`, one `cdk deploy`, one rollback) whose
 * resources live in nested stacks, each far under CloudFormation's 500 resources (docs/stacks.md):
 *
 * - Storage: the KMS keys, both tables, the reports bucket (and its access-log bucket), the notices topic
 * - Identity: the Cognito user pool and its web client
 * - Api: the HTTP API, its stage with the access log, the JWT authorizer; the machine API (departments'
 *   systems, OAuth 2.0 client credentials: docs/machine-clients.md) with its own stage and authorizer
 * - Records, Cases, Reports, Supervision: the functions of their capabilities (infra/stack/function-parts.ts)
 *   with their routes, schedules and notifications; Cases also holds the verification state machine
 * - Website: the site bucket, CloudFront and the deployment
 *
 * The outputs stay on this stack.
 */
export class CountyStack extends Stack {
  readonly county: CountyConfig;
  readonly parts: CountyPart[] = [];

  constructor(scope: Construct, id: string, props: CountyStackProps) {
    super(scope, id, props);
    const { county } = props;
    this.county = county;
    const part = <T extends CountyPart>(made: T): T => (this.parts.push(made), made);

    const storagePart = part(new CountyPart(this, 'Storage', { description: `${county.id}: KMS keys, tables, reports bucket, notices topic (retained)` }));
    const keys = new AtRestKeys(storagePart, 'AtRestKeys', { countyId: county.id });
    const personalDataKeys = new PersonalDataKeys(storagePart, 'PersonalDataKeys', { countyId: county.id });
    const machineTokenKey = new MachineTokenKey(storagePart, 'MachineTokenKey', { countyId: county.id });
    const storage = new Storage(storagePart, 'Storage', { key: keys.storage });
    const notices = new Notices(storagePart, 'Notices', { key: keys.storage });

    const identityPart = part(new CountyPart(this, 'Identity', { description: `${county.id}: Cognito user pool and web client (retained)` }));
    const identity = new Identity(identityPart, 'Identity');

    const apiPart = part(new CountyPart(this, 'Api', { description: `${county.id}: HTTP API, stage, access log, JWT authorizer` }));
    const api = new Api(apiPart, 'Api', { countyId: county.id, userPool: identity.userPool, client: identity.client, throttle: county.api.throttle, logsKey: keys.logs });

    const sources = {
      creditTable: storage.creditTable,
      usageTable: storage.usageTable,
      reportsBucket: storage.reportsBucket,
      noticesTopic: notices.topic,
      storageKey: keys.storage,
      personalDataKey: personalDataKeys.key,
      personalDataMacKey: personalDataKeys.macKey,
      machineTokenKey: machineTokenKey.key,
      logsKey: keys.logs,
    };
    const byPart = declarationsByPart();
    const functionsParts = (Object.keys(functionParts) as FunctionPartName[]).map((name) =>
      part(
        new FunctionsPart(this, name, {
          county,
          declarations: byPart[name],
          storage: sources,
          api,
          description: `${county.id}: functions of ${functionParts[name].join(', ')}`,
        }),
      ),
    );
    const holding = (test: (p: FunctionsPart) => boolean, what: string): FunctionsPart[] => {
      const found = functionsParts.filter(test);
      if (found.length > 1) throw new Error(`${what} must be in one part (infra/stack/function-parts.ts), not in ${found.map((p) => p.partName).join(', ')}`);
      return found;
    };
    // The reports bucket has one notification configuration: written from one part.
    holding((p) => p.functions.triggeredBy('s3').length > 0, 'the functions the reports bucket notifies');

    // The state machine lives with its task functions, so that its definition references them in its own template.
    const [casesPart] = holding(
      (p) => p.functions.triggeredBy('task').some(({ trigger }) => trigger.workflow === verificationWorkflow.id),
      `the task functions of workflow "${verificationWorkflow.id}"`,
    );
    if (!casesPart) throw new Error(`no part holds the task functions of workflow "${verificationWorkflow.id}"`);
    const verification = new VerificationWorkflow(casesPart, 'VerificationWorkflow', { functions: casesPart.functions, logsKey: casesPart.inputs.logsKey });
    for (const p of functionsParts) {
      p.functions.bindWorkflows({ [verificationWorkflow.id]: { stateMachine: verification.stateMachine, name: verification.name } });
    }

    const websitePart = part(new CountyPart(this, 'Website', { description: `${county.id}: website bucket (retained), CloudFront, deployment` }));
    const website = new Website(websitePart, 'Website', { county, apiUrl: api.url, userPool: identity.userPool, client: identity.client, logsKey: keys.logs });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'MachineApiUrl', { value: api.machineIssuer, description: "Departments' systems: POST /oauth2/token (client credentials), then the routes offered to machines" });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    new CfnOutput(this, 'ReportsBucketName', { value: storage.reportsBucket.bucketName });
    new CfnOutput(this, 'NoticesTopicArn', { value: notices.topic.topicArn });
    new CfnOutput(this, 'WebsiteUrl', { value: website.url });
  }
}
