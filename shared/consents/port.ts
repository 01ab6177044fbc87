/**
 * What the consents capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { consentAllows, type ConsentDecision } from './consent-rule.ts';
export { getConsent } from './consent-store.ts';
export { consentIdPattern, consentPurposeLabels } from './consent.ts';
export { logConsentedRead, newQueryId } from './run-query.ts';
