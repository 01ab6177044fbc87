import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors/domain-errors.ts';
import { statusOfKind } from '../../shared/http/error-status.ts';
import { idempotencyKeyOf, idempotentId, requestHash, requireSameRequest } from '../../shared/http/idempotency.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { status: statusOfKind[error.kind], code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('Idempotency-Key: one mechanism for every route that honours it', () => {
  it('the id follows from who asks and the key; without a key it is random', () => {
    expect(idempotentId('chk_', 'dept-a', 'k-1')).toBe(idempotentId('chk_', 'dept-a', 'k-1'));
    expect(idempotentId('chk_', 'dept-a', 'k-1')).not.toBe(idempotentId('chk_', 'dept-b', 'k-1'));
    expect(idempotentId('chk_', 'dept-a', 'k-1')).toMatch(/^chk_[A-Za-z0-9_-]{22}$/);
    expect(idempotentId('con_', 'x', undefined)).not.toBe(idempotentId('con_', 'x', undefined));
  });

  it('the request hash does not depend on the order of keys, and differs for another request', () => {
    expect(requestHash({ a: 1, b: { c: 'x', d: [1, 2] } })).toBe(requestHash({ b: { d: [1, 2], c: 'x' }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });

  it('the same request under a key answers the first; another is 409 naming the header', () => {
    const first = requestHash({ matter: 'a' });
    expect(() => requireSameRequest(first, first)).not.toThrow();
    expect(() => requireSameRequest(undefined, first)).not.toThrow();
    expect(refusal(() => requireSameRequest(first, requestHash({ matter: 'b' })))).toMatchObject({ status: 409, code: 'CONFLICT', field: 'headers.idempotency-key' });
  });

  it('a key is 1 to 255 visible ASCII characters, else 400 naming the header', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(idempotencyKeyOf({ 'idempotency-key': 'b7e1c2d0-8a4f-4b5e-9c3d-2f1a0e9b8c7d' })).toBe('b7e1c2d0-8a4f-4b5e-9c3d-2f1a0e9b8c7d');
    for (const bad of ['', 'x'.repeat(256), 'with space', '键'])
      expect(refusal(() => idempotencyKeyOf({ 'idempotency-key': bad }))).toMatchObject({ status: 400, field: 'headers.idempotency-key' });
  });
});
