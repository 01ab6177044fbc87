/**
 * The legal representative's identity document number (法定代表人证件号码, issue 15 §2), end to end on the
 * local platform: taken whole at the HTTP boundary (a code field, not free text), checked as a resident ID
 * when it is one, then stored masked and sealed like a subject's own number. No table item, log line or
 * answer holds it in clear; the public record has no trace of it; a case may not carry a new one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { maskResidentId } from '../../shared/privacy/resident-id-mask.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const today = testDate;
const code = (first17: string) => first17 + usccCheckCharacter(first17);
const company = code(`91${county.divisionCode}MA5LR0001`);
const authority = { name: `${county.name}市场监督管理局`, uscc: code(`11${county.divisionCode}MB0000001`) };
const sourceUscc = code(`11${county.divisionCode}MB0000002`);
const representativeId = `41042519751112002${residentIdCheckDigit('41042519751112002')}`;
const laterRepresentativeId = `41042519800101003${residentIdCheckDigit('41042519800101003')}`;

let platform: LocalPlatform;
const logLines: string[] = [];
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);

const penalty = (representative: Record<string, unknown>) => ({
  kind: 'penalty',
  subject: { name: `${county.name}法人证件测试有限公司`, category: 'legalPerson', uscc: company, legalRepresentative: '王法人', ...representative },
  decisionNumber: '郏市监罚〔2026〕LR1号',
  decisionDate: addDays(today, -3),
  authority,
  sourceDepartment: `${county.name}市场监督管理局`,
  sourceDepartmentUscc: sourceUscc,
  violationType: '无证经营',
  facts: '未取得食品经营许可从事食品经营活动',
  legalBasis: '《中华人民共和国食品安全法》第一百二十二条',
  penaltyCategories: ['fine', 'suspendLicence'],
  penaltyContent: '罚款人民币一万元，暂扣食品经营许可证',
  fineAmountYuan: 10000,
  licenceSuspendedOrRevoked: '食品经营许可证 JY14104250099',
  penaltyValidUntil: addDays(today, 90),
});

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // Powertools writes to the process's stdout and stderr: everything a function logs passes here (kept, not printed).
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (logLines.push(String(chunk)), true));
  platform = await startTestPlatform(county, 'legal-representative-id-it', { log: (entry) => void logLines.push(JSON.stringify(entry)) });
}, 180_000);
afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_LOG_LEVEL;
  await platform?.stop();
});

describe("the legal representative's ID number", () => {
  let recordId: string;

  it('is taken as typed (spaces, a lower-case x), answered masked, and a retry of the same body is the same record', async () => {
    const typed = penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: `${representativeId.slice(0, 6)} ${representativeId.slice(6).toLowerCase()}` });
    const pushed = await call('POST', '/records', 'department', 'dept-market', typed);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    recordId = pushed.body.recordId;
    expect(pushed.body.details).toMatchObject({
      subject: { legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: maskResidentId(representativeId) },
      sourceDepartmentUscc: sourceUscc,
      licenceSuspendedOrRevoked: '食品经营许可证 JY14104250099',
      penaltyValidUntil: addDays(today, 90),
    });
    const retry = await call('POST', '/records', 'department', 'dept-market', typed);
    expect([retry.status, retry.body.recordId]).toEqual([200, recordId]);
    const other = await call('POST', '/records', 'department', 'dept-market', penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: laterRepresentativeId }));
    expect(other.status).toBe(409);
  });

  it('a wrong resident ID is refused naming the field, without echoing it', async () => {
    const wrong = `${representativeId.slice(0, 17)}${representativeId.endsWith('0') ? '1' : '0'}`;
    const refused = await call('POST', '/records', 'department', 'dept-market', { ...penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: wrong }), decisionNumber: 'LR-2' });
    expect([refused.status, refused.body.error.field]).toEqual([400, 'body.subject.legalRepresentativeIdNumber']);
    expect(JSON.stringify(refused.body)).not.toContain(wrong);
  });

  it('is shown masked to the subject and the credit office, and not at all on the public record', async () => {
    for (const [role, org] of [['subject', company], ['creditOffice', 'credit-office']] as const) {
      const shown = await call('GET', `/records/${recordId}?history=true`, role, org);
      expect(shown.body.record.details.subject.legalRepresentativeIdNumber, role).toBe(maskResidentId(representativeId));
      expect(JSON.stringify(shown.body), role).not.toContain(representativeId);
    }
    const open = await call('GET', `/public/records/${recordId}`);
    expect(open.status).toBe(200);
    expect(open.body.subject).toEqual({ id: company, type: 'uscc', category: 'legalPerson', name: `${county.name}法人证件测试有限公司`, legalRepresentative: '王法人' });
    expect(JSON.stringify(open.body)).not.toMatch(new RegExp(`legalRepresentativeId|${representativeId.slice(-4)}`));
  });

  it('is corrected by the provider (PUT), never through a case', async () => {
    const corrected = await call('PUT', `/records/${recordId}`, 'department', 'dept-market', {
      expectedVersion: 1,
      reason: '法定代表人证件号码录入错误',
      record: penalty({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: laterRepresentativeId }),
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.details.subject.legalRepresentativeIdNumber).toBe(maskResidentId(laterRepresentativeId));

    const raised = await call('POST', '/objections', 'subject', company, { recordId, reason: '法定代表人信息有误' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const caseId = raised.body.case.caseId;
    const answer = await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', {
      outcome: 'corrected',
      reasoning: '更正法定代表人证件号码',
      correctedFields: { subject: { legalRepresentativeIdNumber: representativeId } },
    });
    expect([answer.status, answer.body.error?.field]).toEqual([400, 'body.correctedFields.subject.legalRepresentativeIdNumber']);
    expect(JSON.stringify(answer.body)).not.toContain(representativeId);
  });

  it('is in clear in no table item and no log line', async () => {
    const aws = { region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } };
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, ...aws }));
    const places: { place: string; text: string }[] = [{ place: 'logs', text: logLines.join('\n') }];
    let sealed = 0;
    for (const table of [platform.names.creditTable, platform.names.usageTable]) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
        for (const item of page.Items ?? []) {
          places.push({ place: `${table} ${item.pk} ${item.sk}`, text: JSON.stringify(item) });
          if (typeof item.legalRepresentativeIdSealed === 'string') sealed += 1;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    expect(sealed).toBeGreaterThan(0);
    const clear = new RegExp(`${representativeId}|${laterRepresentativeId}|${representativeId.slice(0, 6)} ${representativeId.slice(6).toLowerCase()}`, 'i');
    expect(places.filter((p) => clear.test(p.text)).map((p) => p.place)).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
  });
});
