import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { pinLogicalId } from './nag.ts';

/**
 * The two KMS keys that protect resident ID numbers (shared/privacy/personal-data-keys.ts): a symmetric key
 * that wraps the data keys sealing each number, and an HMAC key that makes the keyed hash numbers are looked
 * up by. Neither leaves KMS; who may use them is granted per function, from its declaration (`Functions`).
 * Both are retained: without them, stored numbers can be neither opened nor found.
 */
export class PersonalDataKeys extends Construct {
  /** GenerateDataKey (seal) and Decrypt (open), always with the encryption context below. */
  readonly key: Key;
  /** GenerateMac (lookup). */
  readonly macKey: Key;

  constructor(scope: Construct, id: string, { countyId }: { countyId: string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Credit platform ${countyId}: wraps the data keys that seal resident ID numbers`,
      alias: `alias/credit-platform/${countyId}/personal-data`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.key, 'PersonalDataKey');

    this.macKey = new Key(this, 'MacKey', {
      description: `Credit platform ${countyId}: keyed hash (HMAC-SHA-256) that resident ID numbers are looked up by`,
      alias: `alias/credit-platform/${countyId}/personal-data-mac`,
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      // KMS rotates no HMAC key, and must not: a new key would change every stored look-up hash.
      enableKeyRotation: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.macKey, 'PersonalDataMacKey');
  }
}

/**
 * The machine API's token key (shared/machine-clients/token-signer.ts): an ECC P-256 signing key, ES256. The
 * token function signs with it (kms:Sign), the JWKS function publishes its public part (kms:GetPublicKey).
 * Asymmetric keys do not rotate in KMS; replacing it means a new key and a JWKS with both for a token's hour
 * (docs/machine-clients.md). Retained like the others: its ARN is in the functions' environment.
 */
export class MachineTokenKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, { countyId }: { countyId: string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Credit platform ${countyId}: signs the machine API's access tokens (ES256)`,
      alias: `alias/credit-platform/${countyId}/machine-tokens`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      enableKeyRotation: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.key, 'MachineTokenKey');
  }
}

/**
 * The encryption context every wrapped data key is bound to (the KMS adapter sends it with GenerateDataKey
 * and Decrypt); grants require it, so these key grants serve resident ID numbers and nothing else.
 */
export { encryptionContext as personalDataEncryptionContext, macAlgorithm as personalDataMacAlgorithm } from '../../shared/privacy/personal-data-keys.ts';
