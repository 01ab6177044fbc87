/**
 * JSON with object keys sorted at every level and `undefined` members left out (as DynamoDB stores
 * them), so a value hashes the same before it is written and after it is read back. A set (a DynamoDB
 * string or number set) is written as its sorted members. What the usage log's content hashes and an
 * Idempotency-Key's request hash (shared/http/idempotency.ts) are taken over.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Set) return `[${[...value].map(canonicalJson).sort().join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
