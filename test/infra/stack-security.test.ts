import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { customAttributes } from '../../shared/identity/claims.ts';
import type { HttpTrigger, S3Trigger, ScheduleTrigger } from '../../shared/functions/declaration.ts';
import { tables } from '../../shared/storage/tables.ts';
import { verificationWorkflow, workflowTagKey } from '../../shared/workflows/workflows.ts';
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

describe('stateful resources', () => {
  it('keep pinned, readable logical ids', () => {
    const pinned = {
      CreditDataTable: 'AWS::DynamoDB::Table',
      UsageLogTable: 'AWS::DynamoDB::Table',
      ReportsBucket: 'AWS::S3::Bucket',
      UserPool: 'AWS::Cognito::UserPool',
      NoticesTopic: 'AWS::SNS::Topic',
    };
    for (const [logicalId, type] of Object.entries(pinned)) expect(stack.json.Resources[logicalId]?.Type, logicalId).toBe(type);
    expect(Object.keys(resourcesOfType('AWS::DynamoDB::Table')).sort()).toEqual(['CreditDataTable', 'UsageLogTable']);
    expect(Object.keys(resourcesOfType('AWS::Cognito::UserPool'))).toEqual(['UserPool']);
    expect(Object.keys(resourcesOfType('AWS::SNS::Topic'))).toEqual(['NoticesTopic']);
    expect(Object.keys(resourcesOfType('AWS::S3::Bucket')).sort()).toEqual(['ReportsAccessLogsBucket', 'ReportsBucket']);
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
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(
      /^(AES256|aws:kms)$/,
    );
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

  it('encrypts the notices topic and refuses plain HTTP publishing', () => {
    expect(stack.json.Resources.NoticesTopic.Properties.KmsMasterKeyId).toBeDefined();
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
  it('authorizes with a JWT authorizer trusting the user pool and its app client', () => {
    const authorizers = Object.values(resourcesOfType('AWS::ApiGatewayV2::Authorizer'));
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

  it('has one route per http declaration, public ones without authorizer', () => {
    const routes = Object.values(resourcesOfType('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const declared = declarationsOf('http');
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
      [...Object.values(verificationWorkflow.states), ...Object.values(verificationWorkflow.ends)].sort(),
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
    expect(States[states.elapsed].Next).toBe(states.await);
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
