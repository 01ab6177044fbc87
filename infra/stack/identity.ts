import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { customAttributes } from '../../shared/identity/claims.ts';
import { acknowledge, pinLogicalId } from './nag.ts';

/**
 * The county's users: department staff, providers and the credit office, created by the office (no self
 * sign-up). Role, organisation and county travel as custom attributes in the ID token (shared/identity/claims.ts).
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      customAttributes: Object.fromEntries(
        customAttributes.map((name) => [name, new StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.userPool, 'UserPool');
    acknowledge(
      this.userPool,
      'COG2',
      'TOTP MFA is offered to every user; requiring it is rolled out by each county credit office with its departments, not forced at deploy time.',
    );
    acknowledge(
      this.userPool,
      'COG8',
      'Threat protection (Plus feature plan) is priced per active user; accounts are issued by the credit office only, with no self sign-up.',
    );

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // The console (web/, infra/stack/website.ts) signs in with USER_PASSWORD_AUTH: the password goes over TLS to
      // Cognito itself, never to the platform; SRP stays for other clients. No hosted UI, so no OAuth flows (CDK's
      // default allows implicit grant).
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...customAttributes),
      // Users must never set their own role, organisation or county: only administrators write custom attributes.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
