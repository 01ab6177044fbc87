import type { CountyConfig } from '../config/county-config.ts';
import { CaseAlreadyAnswered, conflict, forbidden, validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { evidenceStates, type CaseType, type StoredCase } from './case.ts';
import { presentCase, requireVisibleCase } from './case-access.ts';
import { appendEvidence, getCase } from './case-store.ts';
import { evidenceUploads, planEvidence, type EvidenceRequest } from './evidence.ts';

/**
 * POST /objections/{id}/evidence: the subject (or the credit office, which may raise an objection for it)
 * adds files to its open case, as it announced files with the case: the answer carries a presigned POST
 * per file. Another subject's case is 404, as for one that does not exist. Once the provider has answered
 * (or the case is closed) the files can change nothing: 409 CASE_ALREADY_ANSWERED. The case holds at most
 * the county's `cases.maxEvidenceFiles` in all (400 on body.evidence past it). The files are added and the
 * history written in one conditional update, so an answer or another addition at the same moment is
 * either before it (refused here) or after it.
 */
export async function addCaseEvidence(args: { caseType: CaseType; caseId: string; files: EvidenceRequest[]; caller: Caller; county: CountyConfig; now: Date }) {
  const { caseType, caseId, files, caller, county, now } = args;
  const max = county.cases.maxEvidenceFiles;
  for (let attempt = 1; ; attempt += 1) {
    const c = requireVisibleCase(caller, await getCase(caseId), caseType, caseId);
    if (!accessPolicy.raiseCase(caller, c)) throw forbidden(`only the subject of the ${caseType}, or the credit office for it, may add evidence`);
    refuseUnlessOpenToEvidence(c, files.length, max);
    const evidence = planEvidence(caseId, files, county);
    const event = {
      at: now.toISOString(),
      event: 'evidenceAdded' as const,
      by: caller.role === 'subject' ? 'subject' : caller.orgId,
      // File names are the subject's text: an ID number in one is kept masked, as in the reason.
      note: maskResidentIdsIn(evidence.map((e) => e.fileName).join('、')),
    };
    const updated = await appendEvidence(caseId, evidence, event, max);
    if (updated) return { body: { case: await presentCase(updated, caller), evidenceUploads: await evidenceUploads(evidence) } };
    // Refused: answered or filled meanwhile (the next reading says which), or a race to try again.
    if (attempt >= 3) throw conflict(`${caseType} ${caseId} changed while the files were added: try again`);
  }
}

function refuseUnlessOpenToEvidence(c: StoredCase, adding: number, max: number): void {
  if (c.answer || !evidenceStates.includes(c.state))
    throw new CaseAlreadyAnswered(`${c.caseType} ${c.caseId} was answered already (${c.answer?.outcome ?? c.state}): evidence can no longer be added`);
  if (c.evidence.length + adding > max)
    throw validationFailed('body.evidence', `the ${c.caseType} may hold at most ${max} files and holds ${c.evidence.length}: at most ${Math.max(0, max - c.evidence.length)} more`);
}
