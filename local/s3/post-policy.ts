import { s3Errors } from './s3-error.ts';
import { ALGORITHM, hexSignature, parseAmzDate, parseCredential, sameSignature, signingKey } from './sigv4.ts';
import { checkScope, type Verifier } from './verify-request.ts';

/**
 * Browser-based uploads (POST Object with a SigV4-signed policy), checked as S3 checks them.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */

/** A submitted form: the fields before the `file` part (S3 ignores the rest) and the file. */
export interface PostForm {
  fields: ReadonlyArray<readonly [string, string]>;
  file: { name: string; size: number } | undefined;
}

export interface AcceptedPost {
  accessKeyId: string;
  /** The object key, `${filename}` replaced. */
  key: string;
  /** Form fields that S3 stores with the object, as PutObject headers (lower-case names). */
  objectHeaders: Record<string, string>;
  successActionStatus: 200 | 201 | 204;
  successActionRedirect?: string;
}

type Condition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'content-length-range'; min: number; max: number };

/** Fields that the policy need not mention. */
const EXEMPT_FIELDS = new Set(['x-amz-signature', 'file', 'policy']);
/** Fields S3 stores with the object. */
const OBJECT_HEADER_FIELDS = new Set([
  'cache-control',
  'content-type',
  'content-disposition',
  'content-encoding',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
]);
/** S3's single-PUT/POST ceiling. */
const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

export function verifyPostPolicy(form: PostForm, bucket: string, verifier: Verifier): AcceptedPost {
  const fields = new Map<string, string>();
  for (const [name, value] of form.fields) if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value);
  const field = (name: string): string | undefined => fields.get(name);

  if (!form.file) {
    throw s3Errors.invalidArgument('POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' });
  }
  const rawKey = field('key');
  if (rawKey === undefined) {
    throw s3Errors.invalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", {
      ArgumentName: 'key',
      ArgumentValue: '',
    });
  }
  const policy = field('policy');
  // Without a policy the upload is anonymous, and the buckets are private.
  if (policy === undefined) throw s3Errors.accessDenied();

  for (const name of ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']) {
    if (field(name) === undefined) {
      throw s3Errors.invalidArgument(`Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`, {
        ArgumentName: name,
        ArgumentValue: '',
      });
    }
  }
  if (field('x-amz-algorithm') !== ALGORITHM) {
    throw s3Errors.invalidArgument(`Only ${ALGORITHM} is supported for x-amz-algorithm`, {
      ArgumentName: 'x-amz-algorithm',
      ArgumentValue: field('x-amz-algorithm')!,
    });
  }
  const scope = parseCredential(field('x-amz-credential')!);
  if (!scope) throw s3Errors.invalidArgument(`Invalid credential format '${field('x-amz-credential')}'`);
  const amzDate = field('x-amz-date')!;
  if (!parseAmzDate(amzDate)) throw s3Errors.invalidArgument(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  checkScope(scope, amzDate, verifier, (message) => s3Errors.invalidArgument(`Error parsing the x-amz-credential field; ${message}`));

  const secret = verifier.secretFor(scope.accessKeyId);
  if (secret === undefined) throw s3Errors.invalidAccessKeyId(scope.accessKeyId);
  // The signature covers the base64 policy exactly as sent.
  const expected = hexSignature(signingKey(secret, scope.date, scope.region), policy);
  if (!sameSignature(expected, field('x-amz-signature')!)) {
    throw s3Errors.signatureDoesNotMatch({ AWSAccessKeyId: scope.accessKeyId, StringToSign: policy, SignatureProvided: field('x-amz-signature')! });
  }

  const { expiration, conditions } = parsePolicy(policy);
  if (verifier.now > expiration) throw s3Errors.policy('Policy expired.');

  const covered = new Set(conditions.flatMap((condition) => ('field' in condition ? [condition.field] : [])));
  const extra = [...fields.keys()].filter((name) => !EXEMPT_FIELDS.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
  if (extra.length) throw s3Errors.policy(`Extra input fields: ${extra.join(', ')}`);

  for (const condition of conditions) {
    if (condition.kind === 'content-length-range') continue;
    const actual = condition.field === 'bucket' ? bucket : field(condition.field);
    if (actual === undefined || !satisfies(condition, actual)) throw s3Errors.policy(`Policy Condition failed: ${condition.text}`);
  }

  const size = form.file.size;
  const range = conditions.find((condition) => condition.kind === 'content-length-range');
  const [min, max] = range ? [range.min, range.max] : [0, MAX_OBJECT_SIZE];
  if (size > max) throw s3Errors.entityTooLarge(size, max);
  if (size < min) throw s3Errors.entityTooSmall(size, min);

  const key = rawKey.replaceAll('${filename}', form.file.name);
  if (!key) throw s3Errors.invalidArgument('User key must have a length greater than 0.', { ArgumentName: 'key', ArgumentValue: '' });

  const objectHeaders = Object.fromEntries(
    [...fields].filter(([name]) => OBJECT_HEADER_FIELDS.has(name) || name.startsWith('x-amz-meta-')),
  );
  const status = Number(field('success_action_status'));
  const redirect = field('success_action_redirect') ?? field('redirect');
  return {
    accessKeyId: scope.accessKeyId,
    key,
    objectHeaders,
    successActionStatus: status === 200 || status === 201 ? status : 204,
    ...(redirect ? { successActionRedirect: redirect } : {}),
  };
}

function satisfies(condition: Extract<Condition, { field: string }>, actual: string): boolean {
  if (condition.kind === 'eq') return actual === condition.value;
  // A Content-Type may list several types; each must match.
  const values = condition.field === 'content-type' ? actual.split(',').map((value) => value.trim()) : [actual];
  return values.every((value) => value.startsWith(condition.value));
}

function parsePolicy(policyBase64: string): { expiration: Date; conditions: Condition[] } {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    throw s3Errors.invalidPolicyDocument('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null) throw s3Errors.invalidPolicyDocument('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== 'string') throw s3Errors.invalidPolicyDocument('Policy missing expiration.');
  const expiresAt = new Date(expiration);
  if (Number.isNaN(expiresAt.getTime())) throw s3Errors.invalidPolicyDocument(`Invalid 'expiration' value: '${expiration}'`);
  if (!Array.isArray(conditions)) throw s3Errors.invalidPolicyDocument('Policy missing conditions.');
  return { expiration: expiresAt, conditions: conditions.map(parseCondition) };
}

function parseCondition(raw: unknown): Condition {
  const text = (items: unknown[]): string => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (Array.isArray(raw)) {
    const [operator, first, second] = raw as unknown[];
    const op = String(operator).toLowerCase();
    if (op === 'content-length-range' && raw.length === 3) {
      const min = Number(first);
      const max = Number(second);
      if (Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= max) return { kind: 'content-length-range', min, max };
      throw s3Errors.invalidPolicyDocument(`Invalid content-length-range condition: ${text(raw)}`);
    }
    if ((op === 'eq' || op === 'starts-with') && raw.length === 3 && typeof first === 'string' && first.startsWith('$') && typeof second === 'string') {
      return { kind: op, field: first.slice(1).toLowerCase(), value: second, text: text(raw) };
    }
    throw s3Errors.invalidPolicyDocument(`Invalid Condition: ${text(raw)}`);
  }
  if (typeof raw === 'object' && raw !== null) {
    const entries = Object.entries(raw);
    const [entry] = entries;
    if (entries.length !== 1 || !entry || typeof entry[1] !== 'string') {
      throw s3Errors.invalidPolicyDocument('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
    }
    const [name, value] = entry;
    return { kind: 'eq', field: name.toLowerCase(), value, text: text(['eq', `$${name}`, value]) };
  }
  throw s3Errors.invalidPolicyDocument(`Invalid Condition: ${JSON.stringify(raw)}`);
}
