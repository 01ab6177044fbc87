/**
 * The usage-log chain (`npm run bench`): one department's log of N checks written through the store
 * (`logCheck`: the last link, then the check and its link in one transaction), then its receipt, which
 * reads the whole chain and the checks it names and recomputes it: through the HTTP API, and the pure
 * recomputation alone on what it read.
 */
import type { CheckLogEntry } from '../../shared/checks/check-log-entry.ts';
import { logCheck } from '../../shared/checks/check-store.ts';
import { readChain, readCheckItems } from '../../shared/checks/chain-store.ts';
import { verifyChain } from '../../shared/checks/verify-chain.ts';

export async function benchUsageChain(args: { apiUrl: string; token: (role: 'department', orgId: string) => Promise<string>; entries: number; subjectId: string }) {
  const orgId = 'dept-bench-chain';
  const day = new Date().toISOString().slice(0, 10);
  const entry = (i: number): CheckLogEntry => ({
    checkId: `chk_BENCHCHAIN${String(i).padStart(12, '0')}`,
    checkedAt: new Date(Date.now() + i).toISOString(),
    checkedOn: day,
    departmentOrgId: orgId,
    userId: 'bench-user',
    subject: { id: args.subjectId, type: 'uscc', name: '基准测试公司', known: true },
    matter: { type: 'procurement', typeName: '政府采购', reference: `BENCH-CHAIN-${i}`, name: '基准采购' },
    records: [{ recordId: `rec_BENCH${i}`, version: 1, kind: 'penalty', status: 'inForce', decisionNumber: `基准罚〔2026〕${i}号`, decisionDate: day, providerOrgId: 'dept-market' }],
    lists: { redListed: false, blackListed: true, dishonestDebtor: false },
    measures: [],
    reports: [],
    outcome: null,
  });

  let t = performance.now();
  for (let i = 0; i < args.entries; i += 1) await logCheck(entry(i));
  const appendMs = performance.now() - t;

  const token = await args.token('department', orgId);
  const receiptTimes: number[] = [];
  let verified = false;
  for (let i = 0; i < 5; i += 1) {
    t = performance.now();
    const answer = await fetch(`${args.apiUrl}/checks/${entry(args.entries - 1).checkId}/receipt`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await answer.json()) as { verification?: { verified: boolean; entriesChecked: number } };
    receiptTimes.push(performance.now() - t);
    verified = answer.status === 200 && body.verification?.verified === true && body.verification.entriesChecked === args.entries;
  }

  const links = await readChain(orgId);
  const items = await readCheckItems(links.map((l) => l.checkId));
  t = performance.now();
  const pure = verifyChain(links, items);
  const pureMs = performance.now() - t;
  return { entries: args.entries, appendMs, receiptTimes, verified: verified && pure.verified, pureMs };
}
