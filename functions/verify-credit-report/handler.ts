import { triggerOf } from '../../shared/credit-report/functions.ts';
import { verifyCreditReport } from '../../shared/credit-report/verify-credit-report.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

export const handler = publicHttpHandler(triggerOf('verify-credit-report'), async ({ params }) => ({
  body: await verifyCreditReport(params.code),
}));
