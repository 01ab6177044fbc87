import { escapeXml } from './s3-error.ts';

/** A bucket CORS rule, with the field names of CDK's `CorsRule` so the stack's rules can be passed as they are. */
export interface CorsRule {
  allowedMethods: string[];
  allowedOrigins: string[];
  allowedHeaders?: string[];
  exposedHeaders?: string[];
  maxAge?: number;
}

/** The `<CORSConfiguration>` document s3rver applies to a bucket. */
export function corsConfigurationXml(rules: readonly CorsRule[]): string {
  const element = (name: string, values: readonly (string | number)[] = []): string =>
    values.map((value) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
  const body = rules
    .map(
      (rule) =>
        `<CORSRule>${element('AllowedOrigin', rule.allowedOrigins)}${element('AllowedMethod', rule.allowedMethods)}` +
        `${element('AllowedHeader', rule.allowedHeaders)}${element('ExposeHeader', rule.exposedHeaders)}` +
        `${element('MaxAgeSeconds', rule.maxAge === undefined ? [] : [rule.maxAge])}</CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${body}</CORSConfiguration>`;
}

/**
 * The CORS headers S3 adds to a response (the front's own answers: errors and browser uploads;
 * s3rver adds them to what it answers).
 */
export function corsResponseHeaders(rules: readonly CorsRule[], origin: string | undefined, method: string): Record<string, string> {
  if (!origin) return {};
  const rule = rules.find(
    (candidate) => candidate.allowedMethods.includes(method.toUpperCase()) && candidate.allowedOrigins.some((pattern) => wildcardMatch(pattern, origin)),
  );
  if (!rule) return {};
  const anyOrigin = rule.allowedOrigins.includes('*');
  return {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(rule.exposedHeaders?.length ? { 'access-control-expose-headers': rule.exposedHeaders.join(', ') } : {}),
    ...(rule.maxAge === undefined ? {} : { 'access-control-max-age': String(rule.maxAge) }),
    ...(anyOrigin ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** S3 allows one `*` in an origin pattern. */
function wildcardMatch(pattern: string, origin: string): boolean {
  const [head, ...rest] = pattern.split('*');
  if (rest.length === 0) return pattern === origin;
  const tail = rest.join('*');
  return origin.length >= head!.length + tail.length && origin.startsWith(head!) && origin.endsWith(tail);
}
