import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiThrottle } from '../../shared/config/county-config.ts';
import { countyStackOf } from './county-part.ts';
import type { Functions } from './functions.ts';
import { acknowledge, pinLogicalId } from './nag.ts';
import type { CreditFunction } from './credit-function.ts';
import { onMachineApi, onPeopleApi, type HttpTrigger } from '../../shared/lambda/declaration.ts';
import { machineAudience } from '../../shared/identity/machine-scopes.ts';

export interface ApiProps {
  countyId: string;
  userPool: IUserPool;
  client: IUserPoolClient;
  /** The county's limits (county file, `api.throttle`), for every route of the stage. */
  throttle: ApiThrottle;
  /** The key the access log group is encrypted with. */
  logsKey: IKey;
}

/**
 * The county's HTTP API: its stage (access log, throttling) and the Cognito JWT authorizer. The routes are
 * added by each functions part (`Routes`), in that part's template: one route per `http` declaration.
 * Routes need a Cognito ID token unless declared public; which roles may call a route is checked by the
 * handler, from the token's claims. HTTPS only (API Gateway serves no plain HTTP), throttled per route with
 * the county's limits.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Bound by the first route that uses it; created once, in the HTTP API's scope (this template). */
  readonly authorizer: IHttpRouteAuthorizer;
  /**
   * The machine API (docs/machine-clients.md): departments' systems with OAuth 2.0 client credentials. An HTTP
   * API of its own, because a route has one authorizer and one issuer: its tokens are the platform's own
   * (shared/machine-clients, signed by a KMS key), its issuer its own URL, whose metadata and JWKS it serves.
   */
  readonly machineHttpApi: HttpApi;
  readonly machineStage: HttpStage;
  readonly machineAuthorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, { countyId, userPool, client, throttle, logsKey }: ApiProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Credit platform API (${countyStackOf(this).stackName})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      encryptionKey: logsKey,
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(accessLogs, 'ApiAccessLogs');
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // The route template, never the raw path: /subjects/{subjectId}/records would put resident ID numbers in the logs.
      // And no claim that names the caller: a person's token carries its ID number as custom:orgId (and `sub`
      // is a user's handle); the role says who called, the function's own log line the person key.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            callerRole: '$context.authorizer.claims.custom:role',
            requestTime: '$context.requestTime',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      // DefaultRouteSettings: a token bucket per route, so one busy or abused route cannot starve the others.
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
    });

    this.authorizer = new HttpJwtAuthorizer(
      'CognitoAuthorizer',
      // The ID token's issuer; urlSuffix keeps it right in the aws-cn partition too (amazonaws.com.cn).
      `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`,
      { jwtAudience: [client.userPoolClientId] },
    );

    // No CORS: systems call it server to server, never a browser.
    this.machineHttpApi = new HttpApi(this, 'MachineHttpApi', { description: `Credit platform machine API (${countyStackOf(this).stackName})`, createDefaultStage: false });
    const machineLogs = new LogGroup(this, 'MachineAccessLogs', { encryptionKey: logsKey, retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    pinLogicalId(machineLogs, 'MachineApiAccessLogs');
    this.machineStage = new HttpStage(this, 'MachineStage', {
      httpApi: this.machineHttpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(machineLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            // The system that called (a client id is no personal data): a department's usage, by system.
            clientId: '$context.authorizer.claims.client_id',
            requestTime: '$context.requestTime',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
    });
    this.machineAuthorizer = new HttpJwtAuthorizer('MachineTokenAuthorizer', this.machineIssuer, { jwtAudience: [machineAudience(countyId)] });
  }

  get url(): string {
    return this.stage.url;
  }

  /** The machine API's base URL, without a trailing slash: its tokens' issuer (`iss`) and the authorizer's. */
  get machineIssuer(): string {
    return this.machineHttpApi.apiEndpoint;
  }
}

/**
 * The routes of a functions part's `http` functions on the county's HTTP API, in the part's template (route,
 * Lambda integration and the permission API Gateway invokes it with). The authorizer stays in the API's.
 */
export class Routes extends Construct {
  constructor(scope: Construct, id: string, { api, functions }: { api: Api; functions: Functions }) {
    super(scope, id);
    const noAuthorizer = new HttpNoneAuthorizer();
    for (const { fn, trigger } of functions.triggeredBy('http')) {
      const isPublic = 'public' in trigger.access;
      if (onMachineApi(trigger)) this.machineRoute(api, fn, trigger, noAuthorizer);
      if (!onPeopleApi(trigger)) continue;
      if (isPublic !== trigger.path.startsWith('/public/')) {
        throw new Error(`${fn.declaration.name}: public routes, and only they, must live under /public/ (${trigger.path})`);
      }
      const route = new HttpRoute(this, fn.node.id, {
        httpApi: api.httpApi,
        routeKey: HttpRouteKey.with(trigger.path, HttpMethod[trigger.method]),
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function),
        authorizer: isPublic ? noAuthorizer : api.authorizer,
      });
      if (isPublic) {
        acknowledge(route, 'APIG4', `${trigger.method} ${trigger.path} is declared public (county profile and public credit information).`);
      }
    }
  }

  /**
   * A route of the machine API: its own OAuth endpoints, public; every other with the machine authorizer and the
   * route's scopes as its authorization scopes, so the gateway refuses a token without one (403).
   */
  private machineRoute(api: Api, fn: CreditFunction, trigger: HttpTrigger, noAuthorizer: HttpNoneAuthorizer): void {
    const isPublic = 'public' in trigger.access;
    if (isPublic !== (trigger.api === 'machine')) throw new Error(`${fn.declaration.name}: on the machine API only its own OAuth endpoints are public (${trigger.path})`);
    if (trigger.machine && !('roles' in trigger.access && trigger.access.roles.includes('department'))) throw new Error(`${fn.declaration.name}: a route offered to machines must allow departments`);
    const route = new HttpRoute(this, `Machine${fn.node.id}`, {
      httpApi: api.machineHttpApi,
      routeKey: HttpRouteKey.with(trigger.path, HttpMethod[trigger.method]),
      integration: new HttpLambdaIntegration(`Machine${fn.node.id}Integration`, fn.function),
      authorizer: isPublic ? noAuthorizer : api.machineAuthorizer,
      ...(trigger.machine ? { authorizationScopes: [...trigger.machine.scopes] } : {}),
    });
    if (isPublic) acknowledge(route, 'APIG4', `${trigger.method} ${trigger.path} is the machine API's OAuth endpoint or issuer metadata, public by the protocol.`);
  }
}
