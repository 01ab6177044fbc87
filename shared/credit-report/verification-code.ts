/**
 * A report's verification code (报告验证码): 16 characters of Crockford's base32 (digits and capitals
 * without I, L, O and U, so it reads aloud and types without confusion), 80 bits from the system's
 * cryptographic random source, printed in groups of four: `7K3M-Q9XD-2B8F-WT4N`. Unguessable: only who
 * holds the report (or was told its code) can look it up.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const verificationCodeLength = 16;

export function newVerificationCode(): string {
  // Web Crypto (Node 22 and browsers alike): the system's cryptographic random source.
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}

/** The code as printed: groups of four joined by hyphens. */
export const groupedCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

/**
 * The code someone typed, in its stored form, or undefined when it cannot be one: hyphens and spaces
 * are ignored, lower case is read as upper, and O, I and L as 0, 1 and 1 (Crockford's reading).
 */
export function parseVerificationCode(typed: string): string | undefined {
  const code = typed
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== verificationCodeLength || [...code].some((c) => !alphabet.includes(c))) return undefined;
  return code;
}

/** Where the public checks a code: the API path the public site calls (and the report prints). */
export const verificationPath = (code: string): string => `/public/report-verifications/${groupedCode(code)}`;
