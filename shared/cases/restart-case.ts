import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { CaseNotStuck, notFound } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { CaseState } from './case.ts';
import { presentCase } from './case-access.ts';
import { getCase } from './case-store.ts';
import { resumeCase } from './resume-case.ts';

/**
 * POST /cases/{id}/restart: the credit office restarts the workflow of a stuck case once the fault is
 * mended. The case goes back to where it stood (answered, overdue or verifying) and a new execution
 * takes it from there: a stored answer is applied at once, an unanswered case waits again.
 */
export async function restartCase(args: { caseId: string; caller: Caller; county: CountyConfig; now: Date }) {
  const { caseId, caller, county, now } = args;
  const c = await getCase(caseId);
  if (!c) throw notFound(`case ${caseId}`);
  if (c.state !== 'stuck') throw new CaseNotStuck(`case ${caseId} is ${c.state}: only a stuck case is restarted`);
  const back: CaseState = c.answer ? 'answered' : c.answerBy && c.answerBy < localDate(now, county.timeZone) ? 'overdue' : 'verifying';
  const moved = await resumeCase(c, { now, by: caller.orgId, event: 'restarted', note: `after ${c.stuck?.error ?? 'a failure'}`, from: ['stuck'], to: back });
  if (!moved) throw new CaseNotStuck(`case ${caseId} was restarted concurrently`);
  return { body: await presentCase((await getCase(caseId))!, caller) };
}
