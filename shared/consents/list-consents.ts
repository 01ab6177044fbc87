import type { z } from 'zod';
import type { listConsentsQuery } from './api.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { forbidden, validationFailed } from '../errors/domain-errors.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { listConsents as readConsents, type ConsentListKey } from './consent-store.ts';
import { presentConsent } from './present-consent.ts';
import { callerSubjectKey } from './subject-key.ts';

/**
 * GET /consents, newest first, paged: a subject the consents it granted, an institution those granted
 * to it, the credit office those of one subject (`subjectId`), of one institution (`grantee`) or all.
 * Only the credit office names whose consents it reads.
 */
export async function listConsents(args: { query: z.output<typeof listConsentsQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { query, caller } = args;
  if (query.subjectId !== undefined && query.grantee !== undefined) throw validationFailed('query.grantee', 'name a subject or an institution, not both');
  const named = query.subjectId !== undefined ? await subjectKeyOf(query.subjectId) : query.grantee;
  // Whose consents: one's own, or (the credit office) whoever it names; naming anyone else is refused.
  const { allowed, of } = accessPolicy.ownListing(caller, named);
  if (!allowed) throw forbidden('only the credit office names the subject or institution whose consents it lists');
  const by: ConsentListKey =
    caller.role === 'subject'
      ? { subjectId: callerSubjectKey(caller).id }
      : caller.role === 'institution'
        ? { granteeId: of! }
        : query.subjectId
          ? { subjectId: of! }
          : query.grantee
            ? { granteeId: of! }
            : { all: true };
  const page = await readConsents(by, query.limit, decodePageToken(query.nextToken));
  const today = localDate(args.now, args.county.timeZone);
  return {
    consents: page.consents.map((c) => presentConsent(c, today)),
    ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}),
  };
}
