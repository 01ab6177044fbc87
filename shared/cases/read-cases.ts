import type { z } from 'zod';
import type { listCasesQuery } from './api.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { keys } from '../storage/keys.ts';
import type { CaseType, StoredCase } from './case.ts';
import { evidenceState } from './evidence.ts';
import { presentCase, requireVisibleCase } from './case-access.ts';
import { casesOfSubject, getCase, queryCases } from './case-store.ts';

/** GET /objections/{id}, GET /repairs/{id}: the case, for the subject, the providing department and the credit office (404 for others). */
export async function readCase(args: { caseType: CaseType; caseId: string; caller: Caller }) {
  const c = requireVisibleCase(args.caller, await getCase(args.caseId), args.caseType, args.caseId);
  return presentCase(c, args.caller, { evidenceLinks: evidenceState });
}

/**
 * GET /objections, GET /repairs: what the caller may list.
 * - a subject: its own cases (one query of its partition), newest first;
 * - a department: the cases on records it provided, newest first (its queue to answer);
 * - the credit office: with `provider`, that department's cases; with `state` alone, the cases in that
 *   state, the longest there first (one key range of the state index: how the office finds the stuck
 *   cases to restart); with neither, the open cases by answer day (the earliest due first: who must
 *   answer soonest, and who is overdue).
 */
export async function listCases(args: { caseType: CaseType; query: z.output<typeof listCasesQuery>; caller: Caller }) {
  const { caseType, query, caller } = args;
  const keep = (c: StoredCase) => c.caseType === caseType && (!query.state || c.state === query.state);
  let cases: StoredCase[];
  let lastKey: Record<string, unknown> | undefined;
  if (caller.role === 'subject') {
    cases = (await casesOfSubject(caller.orgId)).filter(keep).slice(0, query.limit);
  } else {
    const { allowed, provider } = accessPolicy.casesOfProvider(caller, query.provider);
    if (!allowed) throw validationFailed('query.provider', 'a department lists only the cases on its own records');
    const page = await queryCases({
      ...(provider
        ? { index: 'gsi1' as const, pk: keys.casesOfProvider(provider), newestFirst: true }
        : query.state
          ? { index: 'gsi3' as const, pk: keys.casesInStatePartition(query.state) }
          : { index: 'gsi2' as const, pk: keys.openCases }),
      limit: query.limit,
      startKey: decodePageToken(query.nextToken),
    });
    cases = page.cases.filter(keep);
    lastKey = page.lastKey;
  }
  return {
    cases: await Promise.all(cases.map((c) => presentCase(c, caller))),
    ...(lastKey ? { nextToken: encodePageToken(lastKey) } : {}),
  };
}
