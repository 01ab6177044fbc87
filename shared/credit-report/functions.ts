import { subjectParams } from '../records/api.ts';
import { creditReportFileBody, creditReportQuery, reportVerificationBody, reportVerificationParams } from './api.ts';
import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';

/** The credit-report capability's functions, declared once: read by the catalog, CDK, the local runtime, OpenAPI and its handlers. */
export const creditReportFunctions = [
  declare({
    name: 'get-credit-report',
    description: "A subject's public credit information report (公共信用信息报告) as a PDF in Chinese with a verification code: for the subject, the credit office, or an institution with its consent (logged like a query)",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/subjects/{subjectId}/report.pdf',
      access: { roles: ['subject', 'creditOffice', 'institution'] },
      summary: 'The public credit information report (PDF); 403 CONSENT_REQUIRED, CONSENT_REVOKED, CONSENT_EXPIRED or OUT_OF_SCOPE for an institution without a covering consent',
      request: { params: subjectParams, query: creditReportQuery },
      response: { status: 200, body: creditReportFileBody },
    },
    // The ID number shown whole to the person is the one in the path: nothing sealed is opened.
    resources: { creditTable: 'readWrite', usageTable: 'readWrite', machineTokens: 'sign' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  }),
  declare({
    name: 'verify-credit-report',
    description: 'Whether a credit report with this verification code was made here, and what it said (name, masked ID, date, counts, SHA-256 of the PDF)',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/report-verifications/{code}',
      access: { public: true },
      summary: 'Verify a credit report by its code (unknown code: 404)',
      request: { params: reportVerificationParams },
      response: { status: 200, body: reportVerificationBody },
    },
    resources: { creditTable: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

/** The declared trigger of one of these functions, typed by its name: each handler takes its route and schemas from here. */
export const triggerOf = triggersOf([...creditReportFunctions]);
