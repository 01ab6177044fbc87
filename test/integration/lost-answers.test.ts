/**
 * No answer is ever lost (issue 13, 3i): a case whose execution is gone (stopped, timed out at the
 * execution's limit) still gets its stored answer applied, and the daily reconciliation finds cases
 * whose state and execution disagree. End to end on the local platform: the real handlers, DynamoDB
 * Local, and the verification state machine as CDK synthesises it, run by the local Step Functions,
 * driven through its endpoint with @aws-sdk/client-sfn. "Today" is the platform clock's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StopExecutionCommand, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { keys } from '../../shared/storage/keys.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { verificationWorkflow } from '../../shared/cases/workflows.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

const county = loadCounty('zanhuang');
let platform: LocalPlatform;
let sfn: SFNClient;
let dynamo: DynamoDBDocumentClient;
let today: string;

let serial = 0;
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}MLA${String(serial).padStart(6, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const office = { get: (path: string) => call('GET', path, 'creditOffice', 'credit-office') };
const tax = {
  post: (path: string, body: unknown) => call('POST', path, 'department', 'dept-tax', body),
};

const blackList = (code: string, number: string) => ({
  kind: 'blackList',
  subject: { name: `赞皇失答测试企业${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '王五' },
  decisionNumber: number,
  decisionDate: addDays(today, -5),
  authority: { name: '赞皇县税务局', uscc: newCompany() },
  sourceDepartment: '赞皇县税务局',
  listName: 'major-tax-violation',
  listingBasis: '重大税收违法失信案件当事人名单',
  listedUntil: addDays(today, 700),
});

async function objectTo(number: string): Promise<{ code: string; recordId: string; caseId: string }> {
  const code = newCompany();
  const pushed = await tax.post('/records', blackList(code, number));
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
  const recordId = pushed.body.recordId;
  const raised = await call('POST', '/objections', 'subject', code, { recordId, reason: '名单信息有误' });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  const caseId = raised.body.case.caseId;
  await waitingForAnswer(caseId);
  return { code, recordId, caseId };
}

async function refusalFor(code: string, reference: string) {
  const receipt = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: code, matter: { type: 'procurement', reference, name: `政府采购项目 ${reference}` } });
  expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
  return receipt.body.measures.find((m: any) => m.measureId === 'procurement-refusal');
}

/** The stored case as the table holds it (the API never shows the token or the execution). */
async function storedCase(caseId: string): Promise<Record<string, any>> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId), ConsistentRead: true }));
  return Item!;
}
async function waitingForAnswer(caseId: string, previousToken?: string): Promise<string> {
  return until(`${caseId} to wait for the provider`, async () => {
    const token = (await storedCase(caseId)).taskToken as string | undefined;
    return token && token !== previousToken ? token : undefined;
  });
}
async function waitForState(caseId: string, state: string) {
  return until(`${caseId} to be ${state}`, async () => {
    const c = await office.get(`/objections/${caseId}`);
    return c.body.state === state ? c.body : undefined;
  }, 20_000);
}
/** Every execution of the case's, whatever its name (`<caseId>`, `<caseId>-2`, …), oldest first. */
async function executionsOf(caseId: string): Promise<ExecutionListItem[]> {
  const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: platform.names.workflowArns[verificationWorkflow.id] }));
  return (listed.executions ?? []).filter((e) => e.name === caseId || e.name?.startsWith(`${caseId}-`)).reverse();
}
async function stopExecutionOf(caseId: string): Promise<void> {
  const [running, ...others] = (await executionsOf(caseId)).filter((e) => e.status === 'RUNNING');
  expect(others).toEqual([]);
  await sfn.send(new StopExecutionCommand({ executionArn: running!.executionArn, cause: 'test: the execution is gone' }));
  expect((await sfn.send(new DescribeExecutionCommand({ executionArn: running!.executionArn }))).status).toBe('ABORTED');
}
/** The daily reconciliation, run now on the platform clock. */
const reconcile = () => platform.invoke('reconcile-cases') as Promise<any>;

beforeAll(async () => {
  platform = await startTestPlatform(county, 'lost-answers-it');
  today = localDate(platform.clock.now(), county.timeZone);
  const region = process.env.AWS_REGION;
  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! };
  sfn = new SFNClient({ endpoint: platform.endpoints.stepfunctions, region, credentials });
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region, credentials }));
}, 180_000);
afterAll(async () => {
  sfn?.destroy();
  dynamo?.destroy();
  await platform?.stop();
});

describe('an answer to a case whose execution is gone is still applied', () => {
  it('stopped execution: the correction is applied, the suspension lifted, the case closed by a new execution', async () => {
    const { code, recordId, caseId } = await objectTo('赞税黑〔2026〕801号');
    expect(await refusalFor(code, 'LA-801-A')).toMatchObject({ suspended: true, suspendedBy: [caseId] });
    await stopExecutionOf(caseId);

    const listedUntil = addDays(today, 300);
    const answer = await tax.post(`/objections/${caseId}/verification`, { outcome: 'corrected', reasoning: '名单期限更正为三百天', correctedFields: { listedUntil } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);

    const closed = await waitForState(caseId, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'corrected', recordVersion: 2, recordStatus: 'corrected' });
    expect(closed.history.map((e: any) => e.event)).toEqual(['raised', 'opened', 'answered', 'resumed', 'applied', 'subjectTold']);
    const record = await call('GET', `/records/${recordId}`, 'subject', code);
    expect(record.body.record).toMatchObject({ version: 2, status: 'corrected', details: { listedUntil } });
    expect(await refusalFor(code, 'LA-801-B')).toMatchObject({ suspended: false, restsOn: [{ recordId, status: 'corrected' }] });
    // The new execution went straight from OpenCase to ApplyOutcome, and ended.
    const executions = await executionsOf(caseId);
    expect(executions.map((e) => [e.name, e.status])).toEqual([
      [caseId, 'ABORTED'],
      [`${caseId}-2`, 'SUCCEEDED'],
    ]);
    expect(sentNotices(platform).filter((n) => n.kind === 'case-opened' && n.about === caseId)).toHaveLength(1);
  });

  it('upheld after the execution was stopped: the record is kept and in force again', async () => {
    const { code, recordId, caseId } = await objectTo('赞税黑〔2026〕802号');
    await stopExecutionOf(caseId);
    expect((await tax.post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '经核查无误' })).status).toBe(202);
    const closed = await waitForState(caseId, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'upheld', recordVersion: 1, recordStatus: 'active' });
    expect(await refusalFor(code, 'LA-802')).toMatchObject({ suspended: false, restsOn: [{ recordId, status: 'active' }] });
  });
});

describe('the daily reconciliation', () => {
  it('finds an open case whose execution was stopped and resumes it from its stored state; the answer then arrives by token', async () => {
    const { code, caseId } = await objectTo('赞税黑〔2026〕803号');
    const firstToken = (await storedCase(caseId)).taskToken;
    await stopExecutionOf(caseId);
    // A case raised or moved a moment ago may still be starting its execution: the reconciliation leaves it an hour.
    await platform.clock.advance(2 * 3600_000);

    const result = await reconcile();
    expect(result.resumed).toEqual(expect.arrayContaining([expect.objectContaining({ caseId, state: 'verifying', execution: 'ABORTED' })]));
    const secondToken = await waitingForAnswer(caseId, firstToken);
    expect(secondToken).not.toBe(firstToken);
    const running = (await executionsOf(caseId)).filter((e) => e.status === 'RUNNING');
    expect(running.map((e) => e.name)).toEqual([`${caseId}-2`]);
    const c = await office.get(`/objections/${caseId}`);
    expect(c.body.state).toBe('verifying');
    expect(c.body.history.at(-1)).toMatchObject({ event: 'resumed', by: 'reconciliation', note: expect.stringContaining('ABORTED') });
    // Still suspended while the provider verifies; the answer day did not move.
    expect(await refusalFor(code, 'LA-803-A')).toMatchObject({ suspended: true });

    // Run again: nothing disagrees any more.
    const again = await reconcile();
    expect(again.resumed.map((r: any) => r.caseId)).not.toContain(caseId);

    expect((await tax.post(`/objections/${caseId}/verification`, { outcome: 'revoked', reasoning: '主体认定错误' })).status).toBe(202);
    const closed = await waitForState(caseId, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'revoked', recordStatus: 'revoked' });
    expect(closed.history.filter((e: any) => e.event === 'opened')).toHaveLength(1);
  });

  it('does not restart a closed case, nor a case whose execution runs', async () => {
    const closedCase = await objectTo('赞税黑〔2026〕804号');
    expect((await tax.post(`/objections/${closedCase.caseId}/verification`, { outcome: 'upheld', reasoning: '无误' })).status).toBe(202);
    const closed = await waitForState(closedCase.caseId, 'closed');
    const waiting = await objectTo('赞税黑〔2026〕805号');
    await platform.clock.advance(2 * 3600_000);

    // The closed case is among those the reconciliation reads (closed in the last days), and is left alone.
    expect((await storedCase(closedCase.caseId)).gsi3pk).toBe(keys.casesInStatePartition('closed'));
    const result = await reconcile();
    const touched = [...result.resumed, ...result.stopped, ...result.reported].map((r: any) => r.caseId);
    expect(touched).not.toContain(closedCase.caseId);
    expect(touched).not.toContain(waiting.caseId);
    expect(result.checked).toBeGreaterThanOrEqual(2);
    expect((await executionsOf(closedCase.caseId)).map((e) => [e.name, e.status])).toEqual([[closedCase.caseId, 'SUCCEEDED']]);
    expect((await executionsOf(waiting.caseId)).map((e) => [e.name, e.status])).toEqual([[waiting.caseId, 'RUNNING']]);
    const after = await office.get(`/objections/${closedCase.caseId}`);
    expect([after.body.state, after.body.history]).toEqual(['closed', closed.history]);

    // A late second answer to the closed case is refused and starts nothing.
    const late = await tax.post(`/objections/${closedCase.caseId}/verification`, { outcome: 'revoked', reasoning: '改判' });
    expect([late.status, late.body.error.code]).toEqual([409, 'CASE_ALREADY_ANSWERED']);
    expect(await executionsOf(closedCase.caseId)).toHaveLength(1);
  });
});

describe('what the reconciliation does not mend by itself', () => {
  it('an answered case whose execution failed without marking it stuck is marked stuck and reported; the credit office restarts it', async () => {
    const { caseId } = await objectTo('赞税黑〔2026〕807号');
    // ApplyOutcome fails after its retries, and so does MarkStuck: the execution fails, the case stays `answered`.
    platform.faults.failNext('apply-case-outcome', 10);
    platform.faults.failNext('mark-case-stuck', 10);
    expect((await tax.post(`/objections/${caseId}/verification`, { outcome: 'revoked', reasoning: '主体认定错误，予以撤销' })).status).toBe(202);
    const [execution] = await executionsOf(caseId);
    await until('the execution to fail', async () =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn: execution!.executionArn }))).status === 'FAILED' ? true : undefined,
    );
    platform.faults.clear();
    expect((await office.get(`/objections/${caseId}`)).body.state).toBe('answered');
    await platform.clock.advance(2 * 3600_000);

    const result = await reconcile();
    expect(result.reported).toEqual(expect.arrayContaining([{ caseId, caseType: 'objection', state: 'answered', execution: 'FAILED', reason: 'executionFailed' }]));
    expect(result.resumed.map((r: any) => r.caseId)).not.toContain(caseId);
    const stuck = await office.get(`/objections/${caseId}`);
    expect(stuck.body).toMatchObject({ state: 'stuck', stuck: { error: 'ExecutionFAILED' } });
    const day = localDate(platform.clock.now(), county.timeZone);
    expect(sentNotices(platform).filter((n) => n.kind === 'case-reconciliation' && n.about === `${caseId}#${day}`)).toEqual([
      expect.objectContaining({ addressee: 'creditOffice', text: expect.stringContaining(caseId) }),
    ]);
    // Reported once a day, not taken up in a loop.
    const again = await reconcile();
    expect([...again.reported, ...again.resumed].map((r: any) => r.caseId)).not.toContain(caseId);

    const restarted = await call('POST', `/cases/${caseId}/restart`, 'creditOffice', 'credit-office', {});
    expect([restarted.status, restarted.body.state]).toEqual([202, 'answered']);
    const closed = await waitForState(caseId, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'revoked', recordStatus: 'revoked' });
    expect((await executionsOf(caseId)).map((e) => [e.name, e.status])).toEqual([
      [caseId, 'FAILED'],
      [`${caseId}-2`, 'SUCCEEDED'],
    ]);
  });
});

// Last: it moves the platform clock a year forward for everything after it.
describe("at the execution's time limit", () => {
  it('an execution that times out leaves its case to be resumed; the late answer is applied', async () => {
    const { code, caseId } = await objectTo('赞税黑〔2026〕806号');
    const [first] = await executionsOf(caseId);
    // Step Functions ends a Standard execution at one year: the workflow's own limit must come first.
    await platform.clock.advance(366 * 24 * 3600_000);
    await until('the execution to time out', async () =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn: first!.executionArn }))).status === 'TIMED_OUT' ? true : undefined,
    );
    // The answer comes after the execution's end, before any reconciliation: it still lands.
    expect((await tax.post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '迟到的答复：信息无误' })).status).toBe(202);
    const closed = await waitForState(caseId, 'closed');
    expect(closed.history.find((e: any) => e.event === 'resumed')).toMatchObject({ note: expect.stringContaining('TIMED_OUT') });
    expect(await refusalFor(code, 'LA-806')).toMatchObject({ suspended: false });
  });
});
