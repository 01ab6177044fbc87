import { notFound } from '../errors/domain-errors.ts';
import { groupedCode } from './verification-code.ts';
import { getReportVerification } from './verification-store.ts';

/**
 * GET /public/report-verifications/{code}: whether a report with this code was made here, and what it
 * said: the subject's name and ID (a person's masked), the day, the flags, each section's count and the
 * SHA-256 of the PDF sent, so a copy can be compared byte for byte. Unknown codes are 404. Public: the
 * code is the secret (80 random bits), held by whoever holds the report.
 */
export async function verifyCreditReport(code: string) {
  const verification = await getReportVerification(code);
  if (!verification) throw notFound(`a report with verification code ${groupedCode(code)}`);
  const { requestedBy: _who, code: stored, ...said } = verification;
  return { code: groupedCode(stored), genuine: true as const, ...said };
}
