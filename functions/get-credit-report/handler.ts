import { triggerOf } from '../../shared/credit-report/functions.ts';
import { generateCreditReport } from '../../shared/credit-report/generate-credit-report.ts';
import { groupedCode } from '../../shared/credit-report/verification-code.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-credit-report'), async ({ params, query, caller, county, now }) => {
  const report = await generateCreditReport({ subjectId: params.subjectId, consentId: query.consentId, caller, county, now });
  return {
    file: report.file,
    // The code in a header too, so a client need not read the PDF to verify it or show it.
    headers: { 'x-report-verification-code': groupedCode(report.code), 'cache-control': 'no-store' },
  };
});
