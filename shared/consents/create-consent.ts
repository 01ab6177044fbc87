import type { z } from 'zod';
import type { createConsentBody } from './api.ts';
import { addMonthsClamped, localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { idempotentId, requestHash, requireSameRequest } from '../http/idempotency.ts';
import type { Caller } from '../identity/caller.ts';
import type { Consent } from './consent.ts';
import { putConsent } from './consent-store.ts';
import { organisationName } from './organisation-names.ts';
import { presentConsent } from './present-consent.ts';
import { callerSubjectKey } from './subject-key.ts';

/** A consent lasts at most this long: its last day is at most one year after the day it is granted (Civil Code Art. 202). */
export const maxConsentMonths = 12;

/**
 * POST /consents: a subject consents to one institution reading its credit information for a purpose,
 * within a scope, until a day. With an `Idempotency-Key` (shared/http/idempotency.ts), the consent id
 * follows from the subject and the key: a retry with the same body answers the stored consent (200), another body is 409.
 */
export async function createConsent(args: { body: z.output<typeof createConsentBody>; caller: Caller; county: CountyConfig; now: Date; idempotencyKey?: string }) {
  const { body, caller, county, now } = args;
  const today = localDate(now, county.timeZone);
  const subject = { ...callerSubjectKey(caller), ...(caller.displayOrgId ? { maskedId: caller.displayOrgId } : {}) };
  if (body.expiresOn < today) throw validationFailed('body.expiresOn', `must not be in the past (today is ${today})`);
  const latest = addMonthsClamped(today, maxConsentMonths);
  if (body.expiresOn > latest) throw validationFailed('body.expiresOn', `must be at most one year ahead: ${latest} at the latest`);
  if (body.grantee === subject.id) throw validationFailed('body.grantee', 'must be another organisation than the subject itself');

  const granted = {
    grantee: body.grantee,
    purpose: { category: body.purpose.category, text: body.purpose.text },
    scope: { records: body.scope.records, reports: body.scope.reports, ...(body.scope.kinds ? { kinds: [...body.scope.kinds].sort() } : {}) },
    expiresOn: body.expiresOn,
  };
  // Whose request it is is part of it: a consent of another subject under the same id is another request.
  const bodyHash = requestHash({ subject: subject.id, ...granted });
  const consentId = idempotentId('con_', subject.id, args.idempotencyKey);
  const consent: Consent = {
    consentId,
    subject,
    grantee: { id: body.grantee, name: await organisationName(body.grantee) },
    purpose: granted.purpose,
    scope: granted.scope,
    expiresOn: body.expiresOn,
    grantedAt: now.toISOString(),
    grantedOn: today,
    grantedBy: caller.userId,
    bodyHash,
  };
  const result = await putConsent(consent);
  if (result.stored) return { created: true, body: presentConsent(consent, today) };
  requireSameRequest(result.existing.bodyHash, bodyHash);
  return { created: false, body: presentConsent(result.existing, today) };
}
