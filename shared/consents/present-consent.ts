import type { IsoDate } from '../calendar/dates.ts';
import { consentPurposeLabels, consentStatus, type Consent } from './consent.ts';

/**
 * A consent as the API shows it (to the subject, the grantee and the credit office): its status as of
 * today, a person by its number masked, never its look-up key. A consent granted before the masked number
 * was kept beside the key shows a person as asterisks.
 */
export function presentConsent(consent: Consent, today: IsoDate) {
  const { id, type, maskedId } = consent.subject;
  return {
    consentId: consent.consentId,
    status: consentStatus(consent, today),
    subject: { id: type === 'residentId' ? (maskedId ?? '*'.repeat(18)) : id, type },
    grantee: consent.grantee,
    purpose: { ...consent.purpose, categoryLabel: consentPurposeLabels[consent.purpose.category] },
    scope: consent.scope,
    expiresOn: consent.expiresOn,
    grantedAt: consent.grantedAt,
    ...(consent.revoked ? { revoked: { at: consent.revoked.at, on: consent.revoked.on } } : {}),
  };
}
