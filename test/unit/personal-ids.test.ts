import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localPersonalDataKeys } from '../../shared/privacy/personal-data-keys.ts';
import { isPersonKey, openResidentId, personKey, protectSubjectId, sealResidentId, subjectKeyOf } from '../../shared/privacy/personal-ids.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';

const id = '110101199003071234'.slice(0, 17) + 'X';

describe('resident ID numbers at rest', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[resourceEnv.personalDataLocalKey];
    process.env[resourceEnv.personalDataLocalKey] = randomBytes(32).toString('base64');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[resourceEnv.personalDataLocalKey];
    else process.env[resourceEnv.personalDataLocalKey] = saved;
  });

  it('looks a person up by a keyed hash: stable under one key, different under another, never the number', async () => {
    const first = await personKey(id);
    expect(first).toMatch(/^P_[A-Z2-7]{32}$/);
    expect(await personKey(id)).toBe(first);
    expect(await personKey('110101199003071235')).not.toBe(first);
    expect(first).not.toContain('1101011990');
    process.env[resourceEnv.personalDataLocalKey] = randomBytes(32).toString('base64');
    expect(await personKey(id)).not.toBe(first);
  });

  it('seals with a fresh IV each time and opens what it sealed', async () => {
    const a = await sealResidentId(id);
    const b = await sealResidentId(id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(await openResidentId(a)).toBe(id);
    expect(await openResidentId(b)).toBe(id);
  });

  it('refuses an altered sealed value, and one sealed under another key', async () => {
    const sealed = await sealResidentId(id);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    await expect(openResidentId([...parts.slice(0, 4), body.toString('base64url')].join('.'))).rejects.toThrow();
    process.env[resourceEnv.personalDataLocalKey] = randomBytes(32).toString('base64');
    await expect(openResidentId(sealed)).rejects.toThrow();
  });

  it('keeps a company code as it is and protects a person', async () => {
    expect(await subjectKeyOf({ type: 'uscc', id: '91350100M000100Y43' })).toBe('91350100M000100Y43');
    const person = await protectSubjectId({ type: 'residentId', id });
    expect(isPersonKey(person.key)).toBe(true);
    expect(person.masked).toBe('110101********123X');
    expect(await openResidentId(person.sealed!)).toBe(id);
  });

  it('local wrapped data keys unwrap only under their master key', async () => {
    const one = localPersonalDataKeys(randomBytes(32));
    const other = localPersonalDataKeys(randomBytes(32));
    const { plaintext, wrapped } = await one.newDataKey();
    expect(await one.unwrapDataKey(wrapped)).toEqual(plaintext);
    await expect(other.unwrapDataKey(wrapped)).rejects.toThrow();
    expect(() => localPersonalDataKeys(randomBytes(16))).toThrow(/32 bytes/);
  });
});
