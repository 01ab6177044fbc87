import { claimNames } from '../../shared/identity/claims.ts';

/** The signed-in caller: its ID token, kept for this browser tab only (sessionStorage), and the claims it carries. */
const tokenKey = 'credit-platform.token';

export interface Caller {
  role: string;
  orgId: string;
  county: string;
  expiresAt: number;
}

export const tokenOf = (): string | undefined => sessionStorage.getItem(tokenKey) ?? undefined;

export function signIn(token: string): Caller {
  const caller = claimsOf(token);
  if (!caller) throw new Error('这不是有效的身份令牌（ID token）');
  if (caller.expiresAt * 1000 <= Date.now()) throw new Error('身份令牌已过期，请重新登录');
  sessionStorage.setItem(tokenKey, token);
  return caller;
}

export const signOut = (): void => sessionStorage.removeItem(tokenKey);

/** The caller, while its token has not expired (the API verifies the token; this only decides what to show). */
export function currentCaller(): Caller | undefined {
  const token = tokenOf();
  const caller = token ? claimsOf(token) : undefined;
  if (!caller || caller.expiresAt * 1000 <= Date.now()) {
    if (token) signOut();
    return undefined;
  }
  return caller;
}

function claimsOf(token: string): Caller | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const role = claims[claimNames.role];
    const orgId = claims[claimNames.orgId];
    if (typeof role !== 'string' || typeof orgId !== 'string' || typeof claims.exp !== 'number') return undefined;
    return { role, orgId, county: String(claims[claimNames.county] ?? ''), expiresAt: claims.exp };
  } catch {
    return undefined;
  }
}
