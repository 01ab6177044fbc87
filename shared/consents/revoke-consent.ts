import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { notFound } from '../errors/domain-errors.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { revokeConsent as storeRevocation } from './consent-store.ts';
import { presentConsent } from './present-consent.ts';
import { callerSubjectKey } from './subject-key.ts';

/**
 * DELETE /consents/{id}: the subject that granted a consent revokes it. The consent is kept, marked
 * revoked with the time, and allows nothing from then on. Revoking again changes nothing and answers
 * the same revoked consent (200), so a retried DELETE is harmless; another subject's consent, or none, is 404.
 */
export async function revokeConsent(args: { consentId: string; caller: Caller; county: CountyConfig; now: Date }) {
  const { consentId, caller, county, now } = args;
  const subject = callerSubjectKey(caller);
  const today = localDate(now, county.timeZone);
  const result = await storeRevocation(consentId, subject.id, { at: now.toISOString(), on: today, by: caller.userId });
  const consent = result.consent;
  if (!consent || !accessPolicy.revokeConsent(caller, { subjectId: consent.subject.id })) throw notFound(`consent ${consentId}`);
  return presentConsent(consent, today);
}
