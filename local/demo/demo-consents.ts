import { addMonthsClamped, localDate } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { now } from '../../shared/time/clock.ts';
import { demoInstitution } from './demo-organisations.ts';
import { demoSubjects } from './demo-records.ts';

/** The Idempotency-Key of the demo consent: its id follows from it and the company, so a restart grants nothing twice. */
export const demoConsentKey = 'demo-consent-1';

/**
 * The demo company with a clean history consents, through the real API (POST /consents), to the demo
 * bank reading its records and reports for a loan, for six months from today (the platform clock's
 * today, which `--clock` may have moved). The bank's token can then run `POST /queries` at once.
 */
export async function loadDemoConsents(options: { county: CountyConfig; apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }) {
  const company = demoSubjects(options.county).find((s) => s.key === 'good')!;
  const bank = demoInstitution(options.county);
  const today = localDate(now(), options.county.timeZone);
  const answer = await fetch(`${options.apiUrl}/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token('subject', company.uscc!)}`, 'idempotency-key': demoConsentKey },
    body: JSON.stringify({
      grantee: bank.uscc,
      purpose: { category: 'loan', text: '流动资金贷款授信审查（演示）' },
      scope: { records: true, reports: true },
      expiresOn: addMonthsClamped(today, 6),
    }),
  });
  // 409: a consent under the demo key with another expiry (granted on an earlier day): keep that one.
  if (![200, 201, 409].includes(answer.status)) throw new Error(`demo consent refused: ${await answer.text()}`);
}
