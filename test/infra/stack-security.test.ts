import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { customAttributes } from '../../shared/identity/claims.ts';
import { onMachineApi, onPeopleApi, type HttpTrigger, type S3Trigger, type ScheduleTrigger } from '../../shared/lambda/declaration.ts';
import { tables } from '../../shared/storage/tables.ts';
import { verificationWorkflow, workflowTagKey } from '../../shared/cases/workflows.ts';
import { expectGrantsFollow } from './expect-grants.ts';
import { functionLogicalId, stateMachineDefinition, synthCounties, synthTimeoutMs, type SynthesizedCounty } from './synth.ts';

let synth: ReturnType<typeof synthCounties>;
let stack: SynthesizedCounty;
beforeAll(() => {
  synth = synthCounties([loadCounty('jiaxian')]);
  stack = synth.county('jiaxian');
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

const resourcesOfType = (type: string): Record<string, any> =>
  Object.fromEntries(Object.entries(stack.json.Resources as Record<string, any>).filter(([, r]) => r.Type === type));
const declarationsOf = <T extends string>(type: T) => catalog.filter((d) => d.trigger.type === type);
const storageKeyArn = { 'Fn::GetAtt': ['StorageKey', 'Arn'] };
const accountRoot = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } };

describe('KMS keys', () => {
  const keys = {
    StorageKey: 'storage',
    LogsKey: 'logs',
    PersonalDataKey: 'personal-data',
    PersonalDataMacKey: 'personal-data-mac',
    MachineTokenKey: 'machine-tokens',
  };

  it('are five customer managed keys per county, retained, with a county alias each', () => {
    expect(Object.keys(resourcesOfType('AWS::KMS::Key')).sort()).toEqual(Object.keys(keys).sort());
    const aliases = Object.values(resourcesOfType('AWS::KMS::Alias')).map((a) => a.Properties);
    for (const [logicalId, alias] of Object.entries(keys)) {
      const key = stack.json.Resources[logicalId];
      expect(key.DeletionPolicy, logicalId).toBe('Retain');
      expect(key.UpdateReplacePolicy, logicalId).toBe('Retain');
      expect(key.Properties.PendingWindowInDays).toBe(30);
      expect(aliases).toContainEqual({ AliasName: `alias/credit-platform/jiaxian/${alias}`, TargetKeyId: { 'Fn::GetAtt': [logicalId, 'Arn'] } });
    }
  });

  it('rotate every symmetric key; the look-up key is HMAC_256 for GenerateMac (KMS rotates no HMAC key)', () => {
    for (const logicalId of ['StorageKey', 'LogsKey', 'PersonalDataKey']) {
      const { Properties } = stack.json.Resources[logicalId];
      expect(Properties.EnableKeyRotation, logicalId).toBe(true);
      expect(Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    }
    expect(stack.json.Resources.PersonalDataMacKey.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(stack.json.Resources.MachineTokenKey.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', EnableKeyRotation: false });
  });

  it('admit no one by key policy but the account (IAM decides, per function) and, on the logs key, CloudWatch Logs for its log groups', () => {
    for (const logicalId of ['StorageKey', 'PersonalDataKey', 'PersonalDataMacKey', 'MachineTokenKey']) {
      expect(stack.json.Resources[logicalId].Properties.KeyPolicy.Statement, logicalId).toEqual([
        { Action: 'kms:*', Effect: 'Allow', Principal: accountRoot, Resource: '*' },
      ]);
    }
    const [root, logs, ...more] = stack.json.Resources.LogsKey.Properties.KeyPolicy.Statement;
    expect(root.Principal).toEqual(accountRoot);
    expect(more).toEqual([]);
    expect(JSON.stringify(logs.Principal.Service)).toContain('"logs."');
    expect(JSON.stringify(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'])).toContain(':log-group:*');
  });

  it('let only function roles use the personal-data keys', () => {
    const policies = Object.values(resourcesOfType('AWS::IAM::Policy')).filter((p) =>
      /"PersonalData(Mac)?Key"/.test(JSON.stringify(p.Properties.PolicyDocument)),
    );
    expect(policies.length).toBeGreaterThan(0);
    const functionRoles = new Set(
      Object.values(resourcesOfType('AWS::Lambda::Function'))
        .filter((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
        .map((f) => f.Properties.Role['Fn::GetAtt'][0]),
    );
    for (const policy of policies) for (const role of policy.Properties.Roles) expect(functionRoles).toContain(role.Ref);
  });
});

describe('encryption at rest and in transit', () => {
  it('encrypts both tables with the storage key', () => {
    for (const definition of tables) {
      expect(stack.json.Resources[`${definition.id}Table`].Properties.SSESpecification, definition.id).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: storageKeyArn,
      });
    }
  });

  it('encrypts the access-log bucket with SSE-S3 (the only encryption S3 log delivery writes to), TLS only', () => {
    const logs = stack.json.Resources.ReportsAccessLogsBucket.Properties;
    expect(logs.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    stack.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'ReportsAccessLogsBucket' },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('encrypts every log group with the logs key', () => {
    const groups = Object.entries(resourcesOfType('AWS::Logs::LogGroup'));
    expect(groups.length).toBe(catalog.length + 4); // each function, the two APIs' access logs, the workflow, the website deployment
    for (const [id, group] of groups) expect(group.Properties.KmsKeyId, id).toEqual({ 'Fn::GetAtt': ['LogsKey', 'Arn'] });
  });

  it('serves the API over HTTPS only (API Gateway has no plain-HTTP endpoint) and says so in ApiUrl', () => {
    expect(stack.json.Outputs.ApiUrl.Value['Fn::Join'][1][0]).toBe('https://');
  });
});

describe('stateful resources', () => {
  it('keep pinned, readable logical ids', () => {
    const pinned = {
      CreditDataTable: 'AWS::DynamoDB::Table',
      UsageLogTable: 'AWS::DynamoDB::Table',
      ReportsBucket: 'AWS::S3::Bucket',
      WebsiteBucket: 'AWS::S3::Bucket',
      UserPool: 'AWS::Cognito::UserPool',
      NoticesTopic: 'AWS::SNS::Topic',
    };
    for (const [logicalId, type] of Object.entries(pinned)) expect(stack.json.Resources[logicalId]?.Type, logicalId).toBe(type);
    expect(Object.keys(resourcesOfType('AWS::DynamoDB::Table')).sort()).toEqual(['CreditDataTable', 'UsageLogTable']);
    expect(Object.keys(resourcesOfType('AWS::Cognito::UserPool'))).toEqual(['UserPool']);
    expect(Object.keys(resourcesOfType('AWS::SNS::Topic'))).toEqual(['NoticesTopic']);
    expect(Object.keys(resourcesOfType('AWS::S3::Bucket')).sort()).toEqual(['ReportsAccessLogsBucket', 'ReportsBucket', 'WebsiteBucket']);
  });

  it('builds each table from shared/storage/tables.ts: on demand, PITR, deletion protection, retained', () => {
    for (const definition of tables) {
      const table = stack.json.Resources[`${definition.id}Table`];
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
      });
      expect(table.Properties.GlobalSecondaryIndexes).toEqual(
        definition.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      expect(table.Properties.TimeToLiveSpecification).toEqual(
        definition.ttlAttribute ? { AttributeName: definition.ttlAttribute, Enabled: true } : undefined,
      );
    }
  });

  it('locks the reports bucket down: no public access, versioned, encrypted, TLS only, logged, retained', () => {
    const bucket = stack.json.Resources.ReportsBucket;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: storageKeyArn } },
    ]);
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: 'ReportsAccessLogsBucket' });
    expect(bucket.Properties.CorsConfiguration.CorsRules[0].AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT', 'GET']));
    stack.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'ReportsBucket' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('retains the user pool, with no self sign-up, a strong password policy and the claims as mutable custom attributes', () => {
    const pool = stack.json.Resources.UserPool;
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties.Schema).toEqual(
      expect.arrayContaining(
        customAttributes.map((name) => expect.objectContaining({ Name: name, Mutable: true, AttributeDataType: 'String' })),
      ),
    );
  });

  it('lets the app client read the identity claims but never write them', () => {
    const [client] = Object.values(resourcesOfType('AWS::Cognito::UserPoolClient')).map((c) => c.Properties);
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(customAttributes.map((name) => `custom:${name}`)));
    expect(client.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
  });

  it('encrypts the notices topic with the storage key and refuses plain HTTP publishing', () => {
    expect(stack.json.Resources.NoticesTopic.Properties.KmsMasterKeyId).toEqual(storageKeyArn);
    stack.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('functions', () => {
  it('run Node.js 22 on arm64 with a retained log group kept six months', () => {
    for (const declaration of catalog) {
      const fn = stack.json.Resources[functionLogicalId(stack.json, declaration.name)];
      expect(fn.Properties.Runtime, declaration.name).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      const logGroup = stack.json.Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Properties.RetentionInDays).toBe(180);
      expect(logGroup.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('grants', () => {
  it.each(catalog.map((d) => [d.name, d] as const))('%s gets exactly its declared resources', (_, declaration) => {
    expectGrantsFollow(stack.json, declaration);
  });
});

describe('HTTP API', () => {
  const apiIdOf = (logicalPrefix: string) => Object.keys(resourcesOfType('AWS::ApiGatewayV2::Api')).find((id) => id.startsWith(logicalPrefix))!;
  const peopleApi = () => apiIdOf('ApiHttpApi');
  const machineApi = () => apiIdOf('ApiMachineHttpApi');
  const ofApi = (type: string, api: string) => Object.values(resourcesOfType(type)).filter((r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: api }));

  it('authorizes with a JWT authorizer trusting the user pool and its app client', () => {
    const authorizers = ofApi('AWS::ApiGatewayV2::Authorizer', peopleApi());
    expect(authorizers).toHaveLength(1);
    const { JwtConfiguration, AuthorizerType } = authorizers[0].Properties;
    expect(AuthorizerType).toBe('JWT');
    expect(JwtConfiguration.Issuer['Fn::Join'][1]).toEqual([
      'https://cognito-idp.',
      { Ref: 'AWS::Region' },
      '.',
      { Ref: 'AWS::URLSuffix' },
      '/',
      { Ref: 'UserPool' },
    ]);
    const clientId = Object.keys(resourcesOfType('AWS::Cognito::UserPoolClient'))[0];
    expect(JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
  });

  it("the machine API's authorizer trusts the machine API's own issuer (its URL) for the county's machine audience", () => {
    const authorizers = ofApi('AWS::ApiGatewayV2::Authorizer', machineApi());
    expect(authorizers).toHaveLength(1);
    const { JwtConfiguration, AuthorizerType } = authorizers[0].Properties;
    expect(AuthorizerType).toBe('JWT');
    expect(JSON.stringify(JwtConfiguration.Issuer)).toContain(`"${machineApi()}"`);
    expect(JwtConfiguration.Audience).toEqual(['credit-platform-jiaxian-machine-api']);
  });

  it('the machine API has the OAuth endpoints, public, and each route offered to machines with its scopes', () => {
    const routes = ofApi('AWS::ApiGatewayV2::Route', machineApi()).map((r) => r.Properties);
    const offered = declarationsOf('http').filter((d) => onMachineApi(d.trigger as HttpTrigger));
    expect(routes).toHaveLength(offered.length);
    for (const declaration of offered) {
      const trigger = declaration.trigger as HttpTrigger;
      const route = routes.find((r) => r.RouteKey === `${trigger.method} ${trigger.path}`);
      expect(route, declaration.name).toBeDefined();
      if (trigger.api === 'machine') expect(route.AuthorizationType).toBe('NONE');
      else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizationScopes).toEqual([...trigger.machine!.scopes]);
      }
    }
  });

  it('has one route per http declaration, public ones without authorizer', () => {
    const routes = ofApi('AWS::ApiGatewayV2::Route', peopleApi()).map((r) => r.Properties);
    const declared = declarationsOf('http').filter((d) => onPeopleApi(d.trigger as HttpTrigger));
    expect(routes).toHaveLength(declared.length);
    for (const declaration of declared) {
      const trigger = declaration.trigger as HttpTrigger;
      const route = routes.find((r) => r.RouteKey === `${trigger.method} ${trigger.path}`);
      expect(route, declaration.name).toBeDefined();
      if ('public' in trigger.access) {
        expect(route.AuthorizationType).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      } else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toBeDefined();
      }
      const integration = stack.json.Resources[route.Target['Fn::Join'][1][1].Ref];
      expect(integration.Properties.IntegrationUri['Fn::GetAtt'][0]).toBe(functionLogicalId(stack.json, declaration.name));
    }
  });

  it('logs access to a log group', () => {
    const stage = Object.values(resourcesOfType('AWS::ApiGatewayV2::Stage'))[0];
    expect(stage.Properties.StageName).toBe('$default');
    const destination = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(stack.json.Resources[destination].Type).toBe('AWS::Logs::LogGroup');
  });

  it('logs the route template, never the raw path that may hold a resident ID number', () => {
    const stage = Object.values(resourcesOfType('AWS::ApiGatewayV2::Stage'))[0];
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.routeKey).toBe('$context.routeKey');
    expect(JSON.stringify(format)).not.toMatch(/\$context\.(path|resourcePath|http\.path)/);
  });
});

describe('triggers', () => {
  it('schedules each schedule declaration with its own cron string in Asia/Shanghai, passing the scheduled time', () => {
    const schedules = Object.values(resourcesOfType('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    const declared = declarationsOf('schedule');
    expect(schedules).toHaveLength(declared.length);
    for (const declaration of declared) {
      const { cron } = declaration.trigger as ScheduleTrigger;
      const schedule = schedules.find((s) => s.Target.Arn['Fn::GetAtt'][0] === functionLogicalId(stack.json, declaration.name));
      expect(schedule, declaration.name).toMatchObject({ ScheduleExpression: cron, ScheduleExpressionTimezone: 'Asia/Shanghai' });
      expect(JSON.stringify(schedule.Target.Input)).toContain('\\"time\\":\\"<aws.scheduler.scheduled-time>\\"');
    }
  });

  it('notifies each s3 declaration of objects created under its prefix', () => {
    const [notifications] = Object.values(resourcesOfType('Custom::S3BucketNotifications')).map((n) => n.Properties);
    expect(notifications.BucketName).toEqual({ Ref: 'ReportsBucket' });
    const configurations = notifications.NotificationConfiguration.LambdaFunctionConfigurations as any[];
    const declared = declarationsOf('s3');
    expect(configurations).toHaveLength(declared.length);
    for (const declaration of declared) {
      const trigger = declaration.trigger as S3Trigger;
      const configuration = configurations.find((c) => c.LambdaFunctionArn['Fn::GetAtt'][0] === functionLogicalId(stack.json, declaration.name));
      expect(configuration, declaration.name).toMatchObject({ Events: ['s3:ObjectCreated:*'] });
      expect(configuration.Filter.Key.FilterRules).toEqual(
        expect.arrayContaining([{ Name: 'prefix', Value: trigger.prefix }, ...(trigger.suffix ? [{ Name: 'suffix', Value: trigger.suffix }] : [])]),
      );
    }
  });
});

describe('verification state machine', () => {
  const machine = () => {
    const machines = Object.values(resourcesOfType('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(1);
    return machines[0].Properties;
  };

  it('is a STANDARD, JSONPath state machine whose states are those of shared/workflows', () => {
    const properties = machine();
    expect(properties.StateMachineType).toBe('STANDARD');
    const definition = stateMachineDefinition(properties.DefinitionString);
    expect(definition.QueryLanguage).toBe('JSONPath');
    expect(definition.StartAt).toBe(verificationWorkflow.states.open);
    expect(Object.keys(definition.States).sort()).toEqual(
      [...Object.values(verificationWorkflow.states), ...Object.values(verificationWorkflow.ends), verificationWorkflow.route.state].sort(),
    );
  });

  it('invokes the declared task function in each state', () => {
    const { States } = stateMachineDefinition(machine().DefinitionString);
    for (const declaration of declarationsOf('task')) {
      const { state } = declaration.trigger as { state: string };
      const target = States[state].Parameters?.FunctionName ?? States[state].Resource;
      expect(target, state).toBe(`<${functionLogicalId(stack.json, declaration.name)}.Arn>`);
    }
  });

  it('waits for the answer with a task token until the planned wake-up, with a heartbeat; a timeout loops through WaitElapsed', () => {
    const { States } = stateMachineDefinition(machine().DefinitionString);
    const { states, ends, taskRetry } = verificationWorkflow;
    const wait = States[states.await];
    expect(wait.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(wait.TimeoutSecondsPath).toBe('$.wait.timeoutSeconds');
    expect(wait.HeartbeatSeconds).toBe(verificationWorkflow.heartbeatSeconds);
    // Only the case id and the token: nothing about the subject travels through execution history.
    expect(wait.Parameters.Payload).toEqual({ 'caseId.$': '$.caseId', 'wakeAt.$': '$.wait.wakeAt', 'taskToken.$': '$$.Task.Token' });
    expect(wait.Catch).toEqual([
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: states.elapsed },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: states.stuck },
    ]);
    // WaitElapsed (and OpenCase) go through the NextStep choice: see test/infra/verification-workflow.test.ts.
    expect(States[states.elapsed].Next).toBe(verificationWorkflow.route.state);
    expect(States[states.elapsed].ResultPath).toBe('$.wait');
    expect(States[states.open].ResultPath).toBe('$.wait');
    expect(wait.Next).toBe(states.apply);
    expect(States[states.apply].Next).toBe(ends.closed);
    expect(States[states.stuck].Next).toBe(ends.stuck);
    expect(States[ends.stuck].Type).toBe('Fail');
    // Every task retries a failure with backoff, then (but MarkStuck itself) goes to MarkStuck.
    for (const state of Object.values(states)) {
      expect(States[state].Retry, state).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: taskRetry.intervalSeconds, BackoffRate: taskRetry.backoffRate, MaxAttempts: taskRetry.maxAttempts }),
      ]);
      if (state !== states.stuck) expect(States[state].Catch.at(-1), state).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: states.stuck });
    }
  });

  it('logs without execution data (never the task token), traces, and carries the workflow tag', () => {
    const properties = machine();
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.Tags).toEqual(expect.arrayContaining([{ Key: workflowTagKey, Value: verificationWorkflow.id }]));
  });
});
