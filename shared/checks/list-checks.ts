import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import type { z } from 'zod';
import type { listChecksQuery } from './api.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { addDays, localDate } from '../calendar/dates.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { notFound, validationFailed } from '../errors/domain-errors.ts';
import { getLoggedCheck, listChecks } from './check-store.ts';
import { presentCheck, presentChecks } from './present-check.ts';

/**
 * GET /checks: the department's own checks in a period of county-local days, oldest first, paged. Each
 * report a check relied on carries its status today, so a department sees when a report it used was
 * voided (a major credit crisis) or has expired since, and each check the corrections of records it showed.
 */
export async function listOwnChecks(args: { query: z.output<typeof listChecksQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const to = args.query.to ?? localDate(args.now, args.county.timeZone);
  const from = args.query.from ?? addDays(to, -30);
  if (from > to) throw validationFailed('query.from', 'must not be after query.to');
  const page = await listChecks(args.caller.orgId, from, to, args.query.limit, decodePageToken(args.query.nextToken));
  return {
    from,
    to,
    checks: await presentChecks(page.entries, args),
    ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}),
  };
}

/**
 * GET /checks/{id}: one check as the list shows it, with its corrections, for the department that ran
 * it and the credit office. Any other department gets 404, as for a check that does not exist, so the
 * existence of another department's check is not disclosed.
 */
export async function readCheck(args: { checkId: string; caller: Caller; county: CountyConfig; now: Date }) {
  return presentCheck((await readVisibleCheck(args)).entry, args);
}

/** A check as logged (with its log mark and bytes), for who may see it; anyone else 404, as for a check that does not exist. */
export async function readVisibleCheck(args: { checkId: string; caller: Caller }) {
  const logged = await getLoggedCheck(args.checkId);
  if (!logged || !accessPolicy.seeCheck(args.caller, logged.entry)) throw notFound(`check ${args.checkId}`);
  return logged;
}
