import { localDate } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { now } from '../../shared/time/clock.ts';
import { demoSubjects } from './demo-records.ts';

/**
 * Demo matters handled (办件, shared/coverage), so that the coverage pages have numbers: the matters of the demo
 * checks (matched by their case numbers) and one of each department decided without a check (an accountability
 * candidate where its list item requires a check). Decided today; POST /matters is idempotent per case number,
 * so a restart adds nothing twice. Item codes as the departments' demo lists would name them (a department
 * without an approved list shows them as outside its list).
 */
export async function loadDemoMatters(options: { county: CountyConfig; apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }) {
  const today = localDate(now(), options.county.timeZone);
  const [good, bad, objecting, person] = demoSubjects(options.county);
  const byDepartment: Record<string, unknown[]> = {
    'dept-finance': [
      { itemId: 'ZC-001', reference: 'ZC-DEMO-01', subjectId: bad!.uscc!, subjectName: bad!.name, decidedOn: today, decision: '不予采购' },
      { itemId: 'ZC-001', reference: 'ZC-DEMO-02', subjectId: good!.uscc!, subjectName: good!.name, decidedOn: today, decision: '中标' },
      { itemId: 'ZC-001', reference: 'ZC-DEMO-03', subjectId: objecting!.uscc!, subjectName: objecting!.name, decidedOn: today, decision: '中标' },
    ],
    'dept-market': [
      { itemId: 'SC-001', reference: 'SC-DEMO-01', subjectId: person!.residentId!, subjectName: person!.name, decidedOn: today, decision: '准予登记' },
      { itemId: 'SC-001', reference: 'SC-DEMO-02', subjectId: good!.uscc!, subjectName: good!.name, decidedOn: today, decision: '准予登记' },
    ],
  };
  for (const [orgId, matters] of Object.entries(byDepartment)) {
    const answer = await fetch(`${options.apiUrl}/matters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', orgId)}` },
      body: JSON.stringify({ matters }),
    });
    if (answer.status !== 200) throw new Error(`demo matters of ${orgId} refused: ${await answer.text()}`);
  }
}
