import { describe, expect, it } from 'vitest';
import { genesisHash, linkHash, nextLink, type ChainLink } from '../../shared/checks/chain-link.ts';
import { chainReceipt } from '../../shared/checks/chain-receipt.ts';
import { canonicalJson, checkContentHash, outcomeContentHash } from '../../shared/checks/entry-content.ts';
import { verifyChain } from '../../shared/checks/verify-chain.ts';

type Item = Record<string, unknown>;

/** A check item as stored (less its keys), at its chain position. */
const checkItem = (n: number, position: number): Item => ({
  checkId: `chk_${String(n).padStart(22, '0')}`,
  checkedAt: `2026-11-0${(n % 9) + 1}T02:00:00.000Z`,
  checkedOn: `2026-11-0${(n % 9) + 1}`,
  departmentOrgId: 'dept-finance',
  userId: 'user-1',
  subject: { id: '91410425MA9XK7YB3Q', type: 'uscc', name: '测试公司', known: true },
  matter: { type: 'procurement', typeName: '政府采购', reference: `ZC-${n}`, name: '办公设备采购' },
  records: [{ recordId: 'rec_1', version: 1, kind: 'penalty', status: 'inForce', decisionNumber: '郏市监罚〔2026〕1号', decisionDate: '2026-10-01', providerOrgId: 'dept-market' }],
  lists: { redListed: false, blackListed: false, dishonestDebtor: false },
  measures: [],
  reports: [],
  outcome: null,
  chainPosition: position,
});

const outcome = (decision: string) => ({ usage: '查询到行政处罚记录', appliedMeasures: [], decision, recordedAt: '2026-11-10T02:00:00.000Z', recordedBy: 'user-1' });

/**
 * A chain as the store writes it: three checks, then an outcome of the second check, then a fourth check
 * and a revision of that outcome. Returns the links and the items by check id.
 */
function chainOfSix() {
  const links: ChainLink[] = [];
  const items = new Map<string, Item>();
  const append = (kind: 'check' | 'outcome', checkId: string, contentHash: string) => {
    const link = nextLink(links.at(-1), { kind, checkId, contentHash, at: '2026-11-10T02:00:00.000Z' });
    links.push(link);
    return link;
  };
  const logCheck = (n: number) => {
    const item = checkItem(n, links.length + 1);
    items.set(item.checkId as string, item);
    append('check', item.checkId as string, checkContentHash(item));
    return item.checkId as string;
  };
  const recordOutcome = (checkId: string, decision: string) => {
    const item = items.get(checkId)!;
    const revision = ((item.outcomeRevision as number | undefined) ?? 0) + 1;
    items.set(checkId, { ...item, outcome: outcome(decision), outcomeRevision: revision });
    append('outcome', checkId, outcomeContentHash(outcome(decision), revision));
  };
  const [a, b, c] = [logCheck(1), logCheck(2), logCheck(3)];
  recordOutcome(b!, 'approved');
  const d = logCheck(4);
  recordOutcome(b!, 'rejected');
  return { links, items, ids: [a!, b!, c!, d] };
}

describe('the hash chain of a usage log', () => {
  it('starts on the genesis hash, and each link names the hash of the one before', () => {
    const { links } = chainOfSix();
    expect(links.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(links[0]!.prevHash).toBe(genesisHash);
    for (let i = 1; i < links.length; i += 1) expect(links[i]!.prevHash).toBe(links[i - 1]!.hash);
    expect(links[0]!.hash).toBe(linkHash(links[0]!));
    expect(links[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched chain', () => {
    const { links, items } = chainOfSix();
    expect(verifyChain(links, items)).toEqual({ verified: true, entriesChecked: 6, problems: [], head: { position: 6, hash: links[5]!.hash } });
  });

  it('verifies an empty chain (an organisation that has logged nothing yet)', () => {
    expect(verifyChain([], new Map())).toEqual({ verified: true, entriesChecked: 0, problems: [], head: null });
  });

  it('names an edited check with its position', () => {
    const { links, items, ids } = chainOfSix();
    const edited = new Map(items);
    edited.set(ids[2]!, { ...items.get(ids[2]!)!, matter: { type: 'procurement', typeName: '政府采购', reference: 'ZC-3', name: '另一事项' } });
    expect(verifyChain(links, edited).problems).toEqual([{ position: 3, checkId: ids[2], problem: 'content-mismatch', detail: expect.any(String) }]);
  });

  it('names a deleted check with its position', () => {
    const { links, items, ids } = chainOfSix();
    const deleted = new Map(items);
    deleted.delete(ids[0]!);
    const result = verifyChain(links, deleted);
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([{ position: 1, checkId: ids[0], problem: 'entry-missing', detail: expect.any(String) }]);
  });

  it('names a deleted link as a gap at its position', () => {
    const { links, items } = chainOfSix();
    expect(verifyChain(links.filter((l) => l.seq !== 3), items).problems).toEqual([{ position: 3, problem: 'gap', detail: 'position 3 is missing' }]);
    expect(verifyChain(links.filter((l) => l.seq !== 2 && l.seq !== 3), items).problems).toEqual([
      { position: 2, problem: 'gap', detail: 'positions 2–3 are missing' },
    ]);
    expect(verifyChain(links.slice(1), items).problems).toEqual([{ position: 1, problem: 'gap', detail: 'position 1 is missing' }]);
  });

  it('names an edited link: one not rehashed at its position, one rehashed at the position after', () => {
    const { links, items, ids } = chainOfSix();
    const swapped = links.map((l) => (l.seq === 2 ? { ...l, checkId: ids[0]! } : l));
    expect(verifyChain(swapped, items).problems).toContainEqual({ position: 2, checkId: ids[0], problem: 'hash-mismatch', detail: expect.any(String) });

    // A forger who rewrites a check and recomputes its link still breaks the next link's prevHash.
    const forgedItem = { ...items.get(ids[1]!)!, subject: { id: '91410425MA9XK7YB3Q', type: 'uscc', name: '别的公司', known: true } };
    const forgedLink = { ...links[1]!, contentHash: checkContentHash(forgedItem) };
    forgedLink.hash = linkHash(forgedLink);
    const forged = verifyChain(
      links.map((l) => (l.seq === 2 ? forgedLink : l)),
      new Map(items).set(ids[1]!, forgedItem),
    );
    expect(forged.problems).toEqual([{ position: 3, checkId: ids[2], problem: 'prev-hash-mismatch', detail: 'does not follow the link at position 2' }]);
  });

  it('names an edited, removed or unlogged outcome', () => {
    const { links, items, ids } = chainOfSix();
    const b = ids[1]!;
    const revised = { ...items.get(b)!, outcome: { ...outcome('rejected'), decision: 'approved' } };
    expect(verifyChain(links, new Map(items).set(b, revised)).problems).toEqual([{ position: 6, checkId: b, problem: 'outcome-mismatch', detail: expect.any(String) }]);
    const reverted = { ...items.get(b)!, outcome: outcome('approved'), outcomeRevision: 1 };
    expect(verifyChain(links, new Map(items).set(b, reverted)).problems.map((p) => [p.position, p.problem])).toEqual([[6, 'outcome-mismatch']]);
    const removed = { ...items.get(b)!, outcome: null };
    expect(verifyChain(links, new Map(items).set(b, removed)).problems[0]!.detail).toContain('removed');

    const d = ids[3]!;
    const unlogged = { ...items.get(d)!, outcome: outcome('approved'), outcomeRevision: 1 };
    expect(verifyChain(links, new Map(items).set(d, unlogged)).problems).toEqual([
      { position: 5, checkId: d, problem: 'outcome-mismatch', detail: 'the check holds an outcome that was never logged' },
    ]);
  });

  it('leaves corrections out of the content: the platform adds them to a logged check', () => {
    const { links, items, ids } = chainOfSix();
    const corrected = { ...items.get(ids[0]!)!, corrections: [{ caseId: 'obj_1' }], correctedByCases: new Set(['obj_1']) };
    expect(verifyChain(links, new Map(items).set(ids[0]!, corrected)).verified).toBe(true);
  });

  it('covers every other field, including one added to the check later, and its chain position', () => {
    const { links, items, ids } = chainOfSix();
    const added = { ...items.get(ids[0]!)!, refused: true };
    expect(verifyChain(links, new Map(items).set(ids[0]!, added)).problems.map((p) => p.problem)).toEqual(['content-mismatch']);
    const moved = { ...items.get(ids[0]!)!, chainPosition: 2 };
    expect(verifyChain(links, new Map(items).set(ids[0]!, moved)).problems.map((p) => p.problem)).toEqual(['content-mismatch']);
  });

  it('hashes content the same whatever the order of keys, and without undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(checkContentHash({ x: 1, y: { p: 1, q: 2 } })).toBe(checkContentHash({ y: { q: 2, p: 1 }, x: 1 }));
    expect(canonicalJson(new Set(['b', 'a']))).toBe('["a","b"]');
  });

  it('accepts an outcome revision of a check logged before the chain began', () => {
    const legacy: Item = { ...checkItem(9, 0), chainPosition: undefined, outcome: outcome('approved'), outcomeRevision: 2 };
    const link = nextLink(undefined, { kind: 'outcome', checkId: legacy.checkId as string, contentHash: outcomeContentHash(outcome('approved'), 2), at: '2026-11-10T02:00:00.000Z' });
    expect(verifyChain([link], new Map([[legacy.checkId as string, legacy]])).verified).toBe(true);
    expect(verifyChain([link], new Map()).problems).toEqual([{ position: 1, checkId: legacy.checkId, problem: 'entry-missing', detail: expect.any(String) }]);
  });
});

describe('a receipt of a check', () => {
  const now = new Date('2026-11-20T02:00:00.000Z');

  it('gives the check’s link, the head and the verification', () => {
    const { links, items, ids } = chainOfSix();
    const receipt = chainReceipt({ checkId: ids[1]!, organisation: 'dept-finance', links, entries: items, now });
    expect(receipt).toEqual({
      checkId: ids[1],
      organisation: 'dept-finance',
      status: 'chained',
      chain: { position: 2, hash: links[1]!.hash, prevHash: links[0]!.hash, contentHash: links[1]!.contentHash, at: links[1]!.at },
      head: { position: 6, hash: links[5]!.hash },
      verification: { verified: true, entriesChecked: 6, problems: [], verifiedAt: now.toISOString() },
    });
  });

  it('says a check logged before the chain began is unchained, without a problem', () => {
    const legacy: Item = { ...checkItem(9, 0), chainPosition: undefined };
    const receipt = chainReceipt({ checkId: legacy.checkId as string, organisation: 'dept-finance', links: [], entries: new Map([[legacy.checkId as string, legacy]]), now });
    expect(receipt).toMatchObject({ status: 'unchained', chain: null, head: null, verification: { verified: true, entriesChecked: 0, problems: [] } });
  });

  it('names a check whose own link was deleted from the end of the chain', () => {
    const { links, items, ids } = chainOfSix();
    const receipt = chainReceipt({ checkId: ids[3]!, organisation: 'dept-finance', links: links.slice(0, 4), entries: items, now });
    expect(receipt.status).toBe('unchained');
    // The outcome revision logged at 6 went with it: the check's outcome is newer than its last link.
    expect(receipt.verification.problems).toEqual([
      { position: 4, checkId: ids[1], problem: 'outcome-mismatch', detail: expect.any(String) },
      { position: 5, checkId: ids[3], problem: 'link-missing', detail: expect.any(String) },
    ]);
    expect(receipt.verification.verified).toBe(false);
  });
});
