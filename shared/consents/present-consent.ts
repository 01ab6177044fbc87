import type { IsoDate } from '../calendar/dates.ts';
import { consentPurposeLabels, consentStatus, type Consent } from './consent.ts';

/** A consent as the API shows it (to the subject, the grantee and the credit office): its status as of today. */
export function presentConsent(consent: Consent, today: IsoDate) {
  return {
    consentId: consent.consentId,
    status: consentStatus(consent, today),
    subject: consent.subject,
    grantee: consent.grantee,
    purpose: { ...consent.purpose, categoryLabel: consentPurposeLabels[consent.purpose.category] },
    scope: consent.scope,
    expiresOn: consent.expiresOn,
    grantedAt: consent.grantedAt,
    ...(consent.revoked ? { revoked: { at: consent.revoked.at, on: consent.revoked.on } } : {}),
  };
}
