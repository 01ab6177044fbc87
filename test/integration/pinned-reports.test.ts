/**
 * Reports pinned (issue 13, 3j): an accepted report is bound to the S3 object version that was verified.
 * Later writes to its key (an overwrite with the bucket's own credentials, the same presigned POST sent
 * again) change nothing a department downloads; PDFs that carry JavaScript are refused as reports and
 * flagged as evidence. On the local platform: the S3 emulator keeps versions of the reports bucket as
 * S3 does with versioning on.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { keys } from '../../shared/storage/keys.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('zanhuang');
const today = testDate;
const company = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const aws = () => ({ region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A small PDF whose page says `text`; `extra` objects are added to it (and the catalog may point at them). */
const pdf = (text: string, catalogExtra = '', ...extra: string[]) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R${catalogExtra}>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\n` +
      extra.map((o, i) => `${i + 4} 0 obj${o}endobj\n`).join('') +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
const verified = pdf('the report the agency issued');
const withJavaScript = pdf('a report that runs code when opened', '/OpenAction 4 0 R', '<</S/JavaScript/JS(app.launchURL("http://example.invalid/"))>>');

let platform: LocalPlatform;
let dynamo: DynamoDBDocumentClient;
let s3: S3Client;
const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const agency = (method: string, path: string, body?: unknown) => call(method, path, 'agency', 'agency-pin', body);

type Form = { url: string; fields: Record<string, string> };
async function post(upload: Form, bytes: Buffer, contentType = 'application/pdf') {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'file.pdf');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, versionId: response.headers.get('x-amz-version-id') };
}

const announce = (subjectId: string, reportNumber: string) => ({ subjectId, reportNumber, reportType: 'comprehensive', issueDate: addDays(today, -3), rating: 'A' });

const settled = (uploadId: string) =>
  until(`upload ${uploadId} to leave pending`, async () => {
    const state = await agency('GET', `/reports/uploads/${uploadId}`);
    return state.body.state !== 'pending' ? state.body : undefined;
  }, 15_000);

const uploadItem = async (uploadId: string) =>
  (await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.reportUpload(uploadId), ConsistentRead: true }))).Item!;

/** What a department downloads through a check's report link. */
async function downloadedInCheck(code: string, reference: string) {
  const receipt = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: code, matter: { type: county.matterTypes[0]!.id, reference, name: '测试事项' } });
  expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
  expect(receipt.body.reports).toHaveLength(1);
  const report = receipt.body.reports[0];
  const answer = await fetch(report.download.url);
  expect(answer.status).toBe(200);
  return { report, bytes: Buffer.from(await answer.arrayBuffer()) };
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'pinned-reports');
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, ...aws() }));
  s3 = new S3Client({ endpoint: platform.endpoints.s3, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', ...aws() });
  const registered = await call('POST', '/agencies', 'creditOffice', 'credit-office', {
    agencyId: 'agency-pin',
    name: '赞皇测试信用服务有限公司',
    uscc: company('MA1PNAGY0'),
    filingNumber: '信备〔2026〕31号',
    filingAuthority: '县信用办',
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
});
afterAll(async () => {
  dynamo?.destroy();
  s3?.destroy();
  await platform?.stop();
});

describe('an accepted report is pinned to the version that was verified', () => {
  const code = company('MA1PNRP01');
  let started: { uploadId: string; key: string; upload: Form };
  let acceptedVersion: string;

  it('stores the verified version id and sha256 with the report', async () => {
    started = (await agency('POST', '/reports/uploads', announce(code, 'PIN-001'))).body;
    const posted = await post(started.upload, verified);
    expect(posted.status).toBe(204);
    expect(await settled(started.uploadId)).toMatchObject({ state: 'accepted' });
    const upload = await uploadItem(started.uploadId);
    const report = (await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.report(upload.reportId) }))).Item!;
    expect(report).toMatchObject({ objectKey: started.key, versionId: posted.versionId, sha256: sha256(verified), sizeBytes: verified.length });
    acceptedVersion = report.versionId;
    const { bytes } = await downloadedInCheck(code, 'PIN-CHECK-1');
    expect(bytes.equals(verified)).toBe(true);
  });

  it('still downloads the verified bytes after the key is overwritten with the bucket credentials', async () => {
    const tampered = pdf('another report, written over the first');
    await s3.send(new PutObjectCommand({ Bucket: platform.names.reportsBucket, Key: started.key, Body: tampered, ContentType: 'application/pdf' }));
    const { report, bytes } = await downloadedInCheck(code, 'PIN-CHECK-2');
    expect(sha256(bytes)).toBe(sha256(verified));
    expect(bytes.equals(verified)).toBe(true);
    expect(report).toMatchObject({ sha256: sha256(verified), sizeBytes: verified.length });
    // The subject's own list links to the same bytes.
    const own = await call('GET', `/subjects/${code}/reports`, 'subject', code);
    expect(Buffer.from(await (await fetch(own.body.reports[0].download.url)).arrayBuffer()).equals(verified)).toBe(true);
  });

  it('a second POST with the same presigned form changes nothing: its version is ignored and noted on the upload', async () => {
    const again = await post(started.upload, pdf('sent again with the same form'));
    // S3 itself takes the object (a presigned POST cannot be made single-use there); the platform ignores it.
    expect(again.status).toBe(204);
    const ignored = await until('the second version to be ignored', async () => {
      const item = await uploadItem(started.uploadId);
      return item.ignoredVersionIds?.has(again.versionId) ? item : undefined;
    });
    expect(ignored).toMatchObject({ state: 'accepted', versionId: acceptedVersion });
    expect((await agency('GET', `/reports/uploads/${started.uploadId}`)).body).toMatchObject({ state: 'accepted' });
    const { report, bytes } = await downloadedInCheck(code, 'PIN-CHECK-3');
    expect(bytes.equals(verified)).toBe(true);
    expect(report.sha256).toBe(sha256(verified));
  });
});

describe('PDFs carrying JavaScript', () => {
  it('are rejected as reports, with the reason', async () => {
    const code = company('MA1PNRP02');
    const started = (await agency('POST', '/reports/uploads', announce(code, 'PIN-JS-1'))).body;
    expect((await post(started.upload, withJavaScript)).status).toBe(204);
    expect(await settled(started.uploadId)).toEqual({ uploadId: started.uploadId, state: 'rejected', reason: 'the PDF carries active content (/JavaScript, /JS)' });
  });

  it('are flagged as evidence: the case names the problem and gives no link; a clean file gets its link', async () => {
    const code = company('MA1PNEW01');
    const record = await call('POST', '/records', 'department', 'dept-tax', {
      kind: 'blackList',
      subject: { name: '赞皇证据测试有限公司', category: 'legalPerson', uscc: code, legalRepresentative: '李四' },
      decisionNumber: '赞税黑〔2026〕901号',
      decisionDate: addDays(today, -5),
      authority: { name: '赞皇县税务局', uscc: company('MA1PNAUT0') },
      sourceDepartment: '赞皇县税务局',
      listName: 'major-tax-violation',
      listingBasis: '重大税收违法失信案件当事人名单',
      listedUntil: addDays(today, 700),
    });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    const clean = pdf('复议决定书');
    const raised = await call('POST', '/objections', 'subject', code, {
      recordId: record.body.recordId,
      reason: '附复议决定书',
      evidence: [
        { fileName: '复议决定书.pdf', contentType: 'application/pdf', bytes: clean.length },
        { fileName: '说明.pdf', contentType: 'application/pdf', bytes: withJavaScript.length },
        { fileName: '照片.png', contentType: 'image/png', bytes: 100 },
      ],
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const [cleanUpload, scriptUpload, photoUpload] = raised.body.evidenceUploads;
    expect((await post(cleanUpload.upload, clean)).status).toBe(204);
    expect((await post(scriptUpload.upload, withJavaScript)).status).toBe(204);
    expect((await post(photoUpload.upload, Buffer.from('<html>not a png</html>'), 'image/png')).status).toBe(204);

    const shown = await call('GET', `/objections/${raised.body.case.caseId}`, 'department', 'dept-tax');
    expect(shown.status).toBe(200);
    const [first, second, third] = shown.body.evidence;
    expect(first).toMatchObject({ fileName: '复议决定书.pdf', uploaded: true, url: expect.any(String) });
    expect(first.contentProblem).toBeUndefined();
    expect(Buffer.from(await (await fetch(first.url)).arrayBuffer()).equals(clean)).toBe(true);
    expect(second).toMatchObject({ fileName: '说明.pdf', uploaded: true, contentProblem: 'the PDF carries active content (/JavaScript, /JS)' });
    expect(second.url).toBeUndefined();
    expect(third).toMatchObject({ fileName: '照片.png', uploaded: true, contentProblem: 'the file is not a PNG image' });
    expect(third.url).toBeUndefined();
  });
});
