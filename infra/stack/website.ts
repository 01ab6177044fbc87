import { readFileSync } from 'node:fs';
import { DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, Source, type ISource, type SourceConfig } from 'aws-cdk-lib/aws-s3-deployment';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { buildWebSync, indexTemplate, webRoot } from '../../web/build.ts';
import { renderIndex } from '../../web/render-index.ts';
import { acknowledge, logicalIdOf, pinLogicalId } from './nag.ts';

export interface WebsiteProps {
  county: CountyConfig;
  /** The HTTP API's URL, written into config.json at deploy time. */
  apiUrl: string;
  userPool: IUserPool;
  client: IUserPoolClient;
  /** The key the deployment function's log group is encrypted with. */
  logsKey: IKey;
}

/**
 * The county's credit website and console (web/): static files in a private bucket, served only through
 * CloudFront (Origin Access Control), HTTPS only, with security headers. The build (web/build.ts, esbuild)
 * runs at synth as the asset's local bundling; index.html is rendered for the county (its site name in the
 * title) and config.json is written at deploy time with the API URL and the user pool, so the same build
 * serves every county. Each deployment invalidates the distribution's cache.
 */
export class Website extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, { county, apiUrl, userPool, client, logsKey }: WebsiteProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'WebsiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Public pages, no data: SSE-S3, so CloudFront reads through OAC without a grant on a county key.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.bucket, 'WebsiteBucket');
    acknowledge(
      this.bucket,
      'S1',
      'The site bucket holds only the public static pages and is read by CloudFront alone (OAC); every request for a page is a CloudFront request, and the data the pages show is logged by the API.',
    );

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Security headers of ${county.siteName}`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(apiUrl, stack.region), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${county.siteName} (${county.id})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        // No page over plain HTTP: a request by http:// is redirected, and HSTS keeps the browser on HTTPS.
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
    });
    acknowledge(this.distribution, 'CFR1', 'A county public credit site is public information meant to be readable from anywhere (residents abroad, other provinces); no geo restriction.');
    acknowledge(
      this.distribution,
      'CFR2',
      'The distribution serves only static public files (GET and HEAD); every request that reads data goes to the API, which the county throttle protects. A WAF web ACL is a per-county decision with its cost.',
    );
    acknowledge(
      this.distribution,
      'CFR3',
      'Page requests carry no personal data (the app routes by URL fragment, which browsers never send); the API logs every data request with its route template. Standard logs would need an ACL-enabled bucket.',
    );
    acknowledge(
      this.distribution,
      'CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; a county that adds its own domain and certificate sets minimumProtocolVersion TLS_V1_2_2021 with it.',
    );

    // The deployment function (CDK's) runs under this role, and only with the grants below: CDK's own grants
    // (s3:GetObject*, s3:List*, s3:DeleteObject* … on its role) are dropped, so no wildcard action is granted.
    const logGroup = new LogGroup(this, 'DeploymentLogs', { encryptionKey: logsKey, retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    pinLogicalId(logGroup, 'WebsiteDeploymentLogs');
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Copies the website files of ${county.id} into its bucket and invalidates its distribution`,
    });
    const sourceObjects: string[] = [];
    /** A source whose zip object the role may read: exactly that object of the assets bucket. */
    const readable = (source: ISource): ISource => ({
      bind: (scope, context) => {
        const config: SourceConfig = source.bind(scope, context);
        sourceObjects.push(config.bucket.arnForObjects(config.zipObjectKey));
        return config;
      },
    });
    const files = new Asset(this, 'Files', {
      path: webRoot,
      exclude: ['dist', 'dist.*', 'node_modules', 'index.html'],
      bundling: {
        // web/build.ts on the machine that synthesises (esbuild is a dev dependency); the image is never pulled.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
        local: { tryBundle: (outputDir) => (buildWebSync(outputDir, { index: false }), true) },
      },
    });
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [
        readable(Source.bucket(files.bucket, files.s3ObjectKey)),
        readable(Source.data('index.html', renderIndex(readFileSync(indexTemplate, 'utf8'), { siteName: county.siteName, countyName: county.name }))),
        readable(
          Source.jsonData('config.json', {
            apiUrl,
            siteName: county.siteName,
            countyName: county.name,
            login: { mode: 'cognito', region: stack.region, userPoolId: userPool.userPoolId, clientId: client.userPoolClientId },
          }),
        ),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role: role.withoutPolicyUpdates(),
      logGroup,
      memoryLimit: 256,
    });
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: sourceObjects }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:DeleteObject'], resources: [this.bucket.arnForObjects('*')] }));
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: this.distribution.distributionId })],
      }),
    );
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    deployment.node.addDependency(role);
    acknowledge(
      role,
      `IAM5[Resource::<${logicalIdOf(this.bucket)}.Arn>/*]`,
      'The deployment writes and prunes the website files, whose names change with each build: objects of the website bucket only.',
    );
    acknowledgeDeploymentHandler(stack);

    this.url = `https://${this.distribution.distributionDomainName}/`;
  }
}

/**
 * What the pages may load and call: their own files, the API, the reports bucket (presigned POSTs of the
 * agencies' PDFs) and Cognito's sign-in endpoint. No inline script or style, no framing.
 */
export function contentSecurityPolicy(apiUrl: string, region: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiUrl} https://*.s3.${region}.amazonaws.com https://s3.${region}.amazonaws.com https://cognito-idp.${region}.amazonaws.com`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * BucketDeployment runs CDK's singleton custom-resource function (one per stack, at its root): its runtime
 * is CDK's. The finding on it is acknowledged here, where the deployment is declared.
 */
function acknowledgeDeploymentHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  acknowledge(handler, 'L1', "CDK's bucket-deployment function pins its own Python runtime with the AWS CLI layer it needs; it runs only during deployments, under the website's own role.");
}
