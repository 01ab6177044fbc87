import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { buildWebSync } from '../../web/build.ts';
import { synthCounties, synthTimeoutMs, type SynthesizedCounty } from './synth.ts';

/** The website construct (infra/stack/website.ts): private bucket, CloudFront with OAC, headers, deploy-time config. */
const county = loadCounty('jiaxian');
let synth: ReturnType<typeof synthCounties>;
let stack: SynthesizedCounty;
beforeAll(() => {
  synth = synthCounties([county]);
  stack = synth.county('jiaxian');
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

const resourcesOfType = (type: string): [string, any][] => Object.entries(stack.json.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
const only = (type: string): [string, any] => {
  const found = resourcesOfType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

/** Files named `name` anywhere in the cloud assembly (the staged assets). */
function assemblyFiles(name: string, dir = synth.assembly.directory): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return assemblyFiles(name, path);
    return entry === name ? [path] : [];
  });
}

describe('the website bucket', () => {
  it('is private, encrypted, versioned, retained, with a pinned logical id', () => {
    const bucket = stack.json.Resources.WebsiteBucket;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  });

  it('refuses requests without TLS and lets only this distribution read, through Origin Access Control', () => {
    const [, policy] = resourcesOfType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === 'WebsiteBucket')!;
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    const [distributionId] = only('AWS::CloudFront::Distribution');
    expect(JSON.stringify(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
  });
});

describe('the distribution', () => {
  it('serves index.html at the root, HTTPS only (HTTP redirected), GET and HEAD, from the bucket through OAC', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
    expect(config.Origins).toHaveLength(1);
    const [origin] = config.Origins;
    expect(origin.DomainName['Fn::GetAtt']).toEqual(['WebsiteBucket', 'RegionalDomainName']);
    expect(origin.OriginAccessControlId['Fn::GetAtt'][1]).toBe('Id');
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const [, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('adds security headers: HSTS, a CSP that allows the API and no framing, nosniff, DENY, a strict referrer', () => {
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    const [, distribution] = only('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", 'connect-src', 'cognito-idp.']) expect(csp).toContain(directive);
    // The API's URL itself (a deploy-time value) is in connect-src.
    expect(csp).toContain('execute-api');
  });

  it('is the WebsiteUrl output, over https', () => {
    expect(stack.json.Outputs.WebsiteUrl.Value['Fn::Join'][1][0]).toBe('https://');
  });
});

describe('the deployment', () => {
  it('copies the built files, the county’s index.html and config.json, prunes, and invalidates the distribution', () => {
    const [, deployment] = only('Custom::CDKBucketDeployment');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(3);
    expect(deployment.Properties.DestinationBucketName).toEqual({ Ref: 'WebsiteBucket' });
    expect(deployment.Properties.DistributionId).toEqual({ Ref: distributionId });
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
    expect(deployment.Properties.Prune).toBe(true);
    // config.json's deploy-time values: the API URL, the user pool and its client.
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    expect(markers).toContain('HttpApi');
    expect(markers).toContain('UserPool');
    expect(markers).toContain('WebClient');
  });

  it('renders index.html for the county (its site name in the title) and writes config.json for Cognito sign-in', () => {
    const pages = assemblyFiles('index.html').map((file) => readFileSync(file, 'utf8'));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`<title>${county.siteName}</title>`);
    expect(pages[0]).not.toContain('{{');
    const configs = assemblyFiles('config.json').map((file) => JSON.parse(readFileSync(file, 'utf8')));
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({ siteName: county.siteName, countyName: county.name, login: { mode: 'cognito' } });
    expect(configs[0].apiUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d+>>\.execute-api\./);
  });

  it('runs under its own role: exact objects, one bucket, one distribution, its own log group; no wildcard action, no managed policy', () => {
    const [, fn] = resourcesOfType('AWS::Lambda::Function').find(([id]) => id.startsWith('CustomCDKBucketDeployment'))!;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    expect(roleId).toMatch(/^WebsiteDeploymentRole/);
    const role = stack.json.Resources[roleId];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = resourcesOfType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]).sort();
    expect(actions).toEqual(['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'].sort());
    const sources = statements.find((s) => s.Action === 's3:GetObject');
    expect(sources.Resource).toHaveLength(3); // the three source objects, by key
    expect(JSON.stringify(sources.Resource)).not.toMatch(/\/\*"/);
    const logGroup = stack.json.Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
    expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': ['LogsKey', 'Arn'] });
  });

  it('builds the site at synth into the asset (local bundling): the bundle and stylesheet, no index template', () => {
    const out = mkdtempSync(join(tmpdir(), 'website-asset-'));
    try {
      buildWebSync(out, { index: false });
      expect(readFileSync(join(out, 'assets', 'app.js'), 'utf8').length).toBeGreaterThan(1000);
      expect(existsSync(join(out, 'assets', 'app.css'))).toBe(true);
      expect(readdirSync(out)).toEqual(['assets']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
