import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { addDays } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { reportItems } from '../../shared/reports/report-store.ts';
import { reportIdOf, sha256Hex, validUntilOf } from '../../shared/reports/report-rules.ts';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDate } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { keys } from '../../shared/storage/keys.ts';
import { now } from '../../shared/time/clock.ts';
import { demoOrganisations, type DemoOrganisation } from './demo-organisations.ts';
import { demoRecords, demoSubjects } from './demo-records.ts';

/** A tiny valid PDF: enough for the upload pipeline to see a real `%PDF-` object. */
export const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Loads the demo data of one county. Records go in through the real API (POST /records with each
 * department's token), so they are validated and derived like any other; the records shown under
 * objection are then marked so directly (objections arrive with their own issue). Idempotent: records
 * are keyed by department, kind and decision number, so a restart adds nothing twice.
 */
export async function loadDemoData(options: {
  county: CountyConfig;
  apiUrl: string;
  token: (role: Role, orgId: string) => Promise<string>;
  dynamo: DynamoDBDocumentClient;
  creditTableName: string;
  s3: S3Client;
  bucket: string;
}): Promise<{ organisations: DemoOrganisation[]; records: number }> {
  const organisations = demoOrganisations(options.county);
  const today = localDate(now(), options.county.timeZone);
  // Registered on the first of this month: the usage lists they owe start with this month's.
  const registeredAt = new Date(`${today.slice(0, 8)}01T00:00:00+08:00`).toISOString();
  for (const org of organisations) {
    await options.dynamo.send(
      new PutCommand({
        TableName: options.creditTableName,
        Item: { ...keys.organisation(org.orgId), ...keys.organisationsByRole(org.role, org.orgId), ...org, registeredAt, demo: true },
      }),
    );
  }
  let records = 0;
  for (const [index, demo] of demoRecords(options.county, today).entries()) {
    const response = await fetch(`${options.apiUrl}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', demo.by)}` },
      body: JSON.stringify(demo.record),
    });
    const body = (await response.json()) as { recordId?: string; error?: unknown };
    if (!response.ok || !body.recordId) throw new Error(`demo record ${index} (${demo.record.kind}) refused: ${JSON.stringify(body)}`);
    records += 1;
    if ('objection' in demo && demo.objection) await objectOnce(options, demo.record.subject, body.recordId);
  }
  await options.s3.send(
    new PutObjectCommand({ Bucket: options.bucket, Key: 'uploads/agency-xinyuan/示范 信用报告 2026.pdf', Body: demoPdf, ContentType: 'application/pdf' }),
  );
  await loadDemoReports(options, today);
  await (await import('./demo-national-lists.ts')).loadDemoNationalLists(options);
  await (await import('./demo-matter-lists.ts')).loadDemoMatterLists(options);
  await loadDemoChecks(options);
  await (await import('./demo-matters.ts')).loadDemoMatters(options);
  await (await import('./demo-consents.ts')).loadDemoConsents(options);
  await (await import('./demo-filings.ts')).loadDemoFilings(options);
  await (await import('./demo-machine-client.ts')).loadDemoMachineClient({ dynamo: options.dynamo, creditTableName: options.creditTableName, now: now() });
  return { organisations, records };
}

/**
 * Demo credit checks, so that usage lists and the compliance view have rows: dept-finance checks the bad
 * subject (a refusal recorded) and the good one (an incentive recorded), dept-market checks the person
 * and records nothing yet (the list shows it as such). Idempotency keys: a restart adds nothing twice.
 */
async function loadDemoChecks(options: Parameters<typeof loadDemoData>[0]) {
  const [good, bad, , person] = demoSubjects(options.county);
  const checks = [
    { by: 'dept-finance', key: 'demo-check-1', subjectId: bad!.uscc!, matter: { type: 'procurement', reference: 'ZC-DEMO-01', name: '办公设备采购' },
      outcome: { usage: '查询信用记录：该主体为重大税收违法失信主体、失信被执行人', appliedMeasures: [{ measureId: 'procurement-refusal' }], decision: 'rejected' } },
    { by: 'dept-finance', key: 'demo-check-2', subjectId: good!.uscc!, matter: { type: 'procurement', reference: 'ZC-DEMO-02', name: '绿化工程采购' },
      outcome: { usage: '查询信用记录和信用报告：红名单主体，无不良记录', appliedMeasures: [], decision: 'approved' } },
    { by: 'dept-market', key: 'demo-check-3', subjectId: person!.residentId!, matter: { type: 'market-access', reference: 'SC-DEMO-01', name: '个体工商户登记' } },
  ];
  for (const check of checks) {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', check.by)}`, 'idempotency-key': check.key };
    const answer = await fetch(`${options.apiUrl}/checks`, { method: 'POST', headers, body: JSON.stringify({ subjectId: check.subjectId, matter: check.matter }) });
    const receipt = (await answer.json()) as { checkId: string; measures: { measureId: string; suspended: boolean }[] };
    if (answer.status !== 201 && answer.status !== 200) throw new Error(`demo check ${check.key} refused: ${JSON.stringify(receipt)}`);
    if (answer.status !== 201 || !check.outcome) continue;
    // Only measures the check actually offered and in force (the catalog differs per county; an outcome may record no other).
    const offered = new Set(receipt.measures.filter((m) => !m.suspended).map((m) => m.measureId));
    const outcome = { ...check.outcome, appliedMeasures: check.outcome.appliedMeasures.filter((m) => offered.has(m.measureId)) };
    const recorded = await fetch(`${options.apiUrl}/checks/${receipt.checkId}/outcome`, { method: 'PUT', headers, body: JSON.stringify(outcome) });
    if (recorded.status !== 200) throw new Error(`demo check outcome ${check.key} refused: ${await recorded.text()}`);
  }
}

/**
 * Demo credit reports of agency-xinyuan: valid ones for the good and the bad subject and one voided,
 * each through the real path (POST /reports/uploads, a presigned POST of PDF bytes, ingest-report), and
 * an expired one stored directly (the upload path refuses expired reports). A restart adds nothing twice.
 */
async function loadDemoReports(options: Parameters<typeof loadDemoData>[0], today: string) {
  const { county, apiUrl } = options;
  const [good, bad] = demoSubjects(county);
  const agency = 'agency-xinyuan';
  const auth = async (role: Role, orgId: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${await options.token(role, orgId)}` });
  const reports = [
    { subjectId: good!.uscc!, reportNumber: 'XY-DEMO-GOOD', reportType: 'comprehensive', issueDate: addDays(today, -10), rating: 'AAA' },
    { subjectId: bad!.uscc!, reportNumber: 'XY-DEMO-BAD', reportType: 'special', issueDate: addDays(today, -5), rating: 'C', riskWarning: '存在重大税收违法失信记录及失信被执行人记录' },
    { subjectId: bad!.uscc!, reportNumber: 'XY-DEMO-VOIDED', reportType: 'comprehensive', issueDate: addDays(today, -20), rating: 'BB' },
    // Expires in about three weeks: the overdue scan warns the agency.
    { subjectId: good!.uscc!, reportNumber: 'XY-DEMO-EXPIRING', reportType: 'special', issueDate: addDays(today, 20 - 365), rating: 'A' },
  ];
  for (const report of reports) {
    const started = await fetch(`${apiUrl}/reports/uploads`, { method: 'POST', headers: await auth('agency', agency), body: JSON.stringify(report) });
    if (started.status === 409) continue; // stored by an earlier start
    const body = (await started.json()) as { uploadId: string; upload: { url: string; fields: Record<string, string> } };
    if (started.status !== 201) throw new Error(`demo report ${report.reportNumber} refused: ${JSON.stringify(body)}`);
    const form = new FormData();
    for (const [name, value] of Object.entries(body.upload.fields)) form.append(name, value);
    form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), `${report.reportNumber}.pdf`);
    const posted = await fetch(body.upload.url, { method: 'POST', body: form });
    if (posted.status !== 204) throw new Error(`demo report ${report.reportNumber}: POST to S3 answered ${posted.status}: ${await posted.text()}`);
    for (let waited = 0; ; waited += 100) {
      const state = (await (await fetch(`${apiUrl}/reports/uploads/${body.uploadId}`, { headers: await auth('agency', agency) })).json()) as { state: string; reason?: string };
      if (state.state === 'accepted') break;
      if (state.state === 'rejected' || waited > 15_000) throw new Error(`demo report ${report.reportNumber} not accepted: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const voided = await fetch(`${apiUrl}/reports/${reportIdOf(agency, 'XY-DEMO-VOIDED')}/void`, {
    method: 'POST',
    headers: await auth('creditOffice', 'credit-office'),
    body: JSON.stringify({ reason: '报告所依据的财务数据有误' }),
  });
  if (voided.status !== 200) throw new Error(`demo report void refused: ${await voided.text()}`);

  const months = county.deadlines.reportValidityMonths;
  const expiredKey = `reports/demo/${agency}/XY-DEMO-EXPIRED.pdf`;
  const { VersionId: versionId } = await options.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: expiredKey, Body: demoPdf, ContentType: 'application/pdf' }));
  const issueDate = addDays(today, -(months * 31 + 60));
  for (const Item of reportItems({
    reportId: reportIdOf(agency, 'XY-DEMO-EXPIRED'),
    subjectId: good!.uscc!,
    subjectType: 'uscc',
    agencyId: agency,
    reportNumber: 'XY-DEMO-EXPIRED',
    reportType: 'comprehensive',
    issueDate,
    validUntil: validUntilOf(issueDate, months, workingDayCalendar(county.calendar)),
    rating: 'AA',
    sha256: sha256Hex(demoPdf),
    sizeBytes: demoPdf.length,
    objectKey: expiredKey,
    ...(versionId ? { versionId } : {}),
    status: 'valid',
    acceptedAt: `${issueDate}T02:00:00.000Z`,
  }))
    await options.dynamo.send(new PutCommand({ TableName: options.creditTableName, Item }));
}

/**
 * The subject objects to a demo record through the real path (POST /objections), which starts the
 * verification workflow; once per record, so that a restart (or a case someone answered since) adds nothing.
 */
async function objectOnce(options: { apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }, subject: { uscc?: string; residentId?: string }, recordId: string) {
  const subjectId = subject.uscc ?? subject.residentId!;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await options.token('subject', subjectId)}` };
  const listed = (await (await fetch(`${options.apiUrl}/objections`, { headers })).json()) as { cases: { record: { recordId: string } }[] };
  if (listed.cases.some((c) => c.record.recordId === recordId)) return;
  const raised = await fetch(`${options.apiUrl}/objections`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ recordId, reason: '该记录所依据的决定已被复议机关撤销，申请更正（演示异议）' }),
  });
  if (raised.status !== 201 && raised.status !== 200) throw new Error(`demo objection refused: ${await raised.text()}`);
}
