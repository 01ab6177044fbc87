import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordToRow, rowToRecord, yuanToWanYuan } from '../../shared/records/national-fields.ts';
import type { RecordInput } from '../../shared/records/record-input.ts';
import type { StoredRecord } from '../../shared/records/stored-record.ts';
import { deliveryBody, deliveryIdOf } from '../../shared/exchange/delivery-body.ts';
import { signatureHeader, signingInput, verifyDelivery } from '../../shared/exchange/delivery-signature.ts';
import { afterFailure, failureOf } from '../../shared/exchange/retry-policy.ts';
import { exchangeSettingsSchema } from '../../shared/config/exchange-settings.ts';
import { ruleSource } from '../../shared/config/county-config.ts';
import { dueRuns } from '../../local/schedules/local-scheduler.ts';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const company = uscc('91130129MA45E8TH5');
const authority = uscc('11130129MB0000001');
const personId = `13012919900307001${residentIdCheckDigit('13012919900307001')}`;

const penalty = {
  kind: 'penalty',
  subject: { name: '赞皇示例建材有限公司', category: 'legalPerson', uscc: company, legalRepresentative: '王某' },
  decisionNumber: '赞市监罚〔2026〕88号',
  decisionDate: '2026-05-06',
  authority: { name: '赞皇县市场监督管理局', uscc: authority },
  sourceDepartment: '赞皇县市场监督管理局',
  violationType: '销售不合格产品',
  facts: '抽检不合格',
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  penaltyCategories: ['fine', 'confiscation'],
  penaltyContent: '罚款，没收违法所得',
  fineAmountYuan: 12345.67,
  confiscationAmountYuan: 500,
} as const;

const roundTrip = (input: unknown) => {
  const parsed = rowToRecord((input as RecordInput).kind, Object.fromEntries(recordToRow(input as RecordInput)));
  expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  return parsed.ok ? parsed.input : undefined;
};

describe('the national fields both ways: what goes up is what the import templates read', () => {
  it('a penalty as a row of the standard, in its column order, reads back as the same record', () => {
    const row = recordToRow(penalty as unknown as RecordInput);
    expect(row.slice(0, 3)).toEqual([['行政相对人名称', '赞皇示例建材有限公司'], ['行政相对人类别', '法人及非法人组织'], ['统一社会信用代码', company]]);
    expect(Object.fromEntries(row)).toMatchObject({ 处罚类别: '罚款；没收违法所得', '罚款金额（万元）': '1.234567', '没收违法所得、没收非法财物的金额（万元）': '0.05', 处罚决定日期: '2026-05-06' });
    expect(roundTrip(penalty)).toEqual(expect.objectContaining({ ...penalty, penaltyCategories: ['fine', 'confiscation'] }));
  });

  it('a licence, a dishonest debtor and a black-list record read back as themselves', () => {
    const licence = {
      kind: 'licence',
      subject: { name: '赞皇示例食品店', category: 'individualBusiness', uscc: uscc('92130129MA45E8TH5') },
      decisionNumber: '赞市监许〔2026〕12号',
      decisionDate: '2026-05-06',
      authority: { name: '赞皇县市场监督管理局', uscc: authority },
      sourceDepartment: '赞皇县市场监督管理局',
      licenceDocumentName: '食品经营许可决定书',
      licenceCategory: '普通',
      licenceContent: '预包装食品销售',
      validFrom: '2026-05-06',
    };
    expect(roundTrip(licence)).toEqual(expect.objectContaining(licence));
    const debtor = {
      kind: 'dishonestDebtor',
      subject: { name: '赞皇示例建材有限公司', category: 'legalPerson', uscc: company },
      decisionNumber: '（2026）冀0129执123号',
      decisionDate: '2026-05-06',
      authority: { name: '赞皇县人民法院', uscc: authority },
      sourceDepartment: '赞皇县人民法院',
      court: '赞皇县人民法院',
      caseNumber: '（2026）冀0129执123号',
      obligation: '支付货款',
      performanceStatus: 'partlyPerformed',
    };
    expect(roundTrip(debtor)).toEqual(expect.objectContaining(debtor));
    expect(Object.fromEntries(recordToRow(debtor as unknown as RecordInput)).履行情况).toBe('部分未履行');
  });

  it('a person: 证件类型 身份证 and the number as given (masked or whole)', () => {
    const input = { ...penalty, subject: { name: '张三', category: 'naturalPerson', residentId: personId } } as unknown as RecordInput;
    expect(Object.fromEntries(recordToRow(input))).toMatchObject({ 行政相对人类别: '自然人', 证件类型: '身份证', 证件号码: personId });
  });

  it('yuan as 万元 exactly, to the fen', () => {
    expect([yuanToWanYuan(12345.67), yuanToWanYuan(10000), yuanToWanYuan(0.01), yuanToWanYuan(500), yuanToWanYuan(0.1 + 0.2)]).toEqual(['1.234567', '1', '0.000001', '0.05', '0.00003']);
  });
});

describe('a delivery body', () => {
  const version = {
    recordId: 'rec_x',
    version: 2,
    kind: 'penalty',
    providerOrgId: 'dept-market',
    decisionNumber: penalty.decisionNumber,
    receivedAt: '2026-05-08T02:00:00.000Z',
    publicity: { publicUntil: '2029-05-06' },
    correction: { reason: `更正：当事人身份证 ${personId} 录错`, previousVersion: 1 },
  } as unknown as StoredRecord;
  const change = { recordId: 'rec_x', seq: '000002#2026-05-08T02:00:00.000Z#corrected', change: 'corrected', version: 2, lifecycle: 'corrected', at: '2026-05-08T02:00:00.000Z', kind: 'penalty', providerOrgId: 'dept-market', decisionNumber: penalty.decisionNumber } as const;
  const personInput = { ...penalty, subject: { name: '张三', category: 'naturalPerson', residentId: personId } } as unknown as RecordInput;

  it('carries a stable id (the same for the same change, another for another), the order and the national fields', () => {
    const body = deliveryBody({ change, version, input: penalty as unknown as RecordInput, wholeIdNumbers: false, destinationId: 'city', countyDivisionCode: '130129' });
    expect(body.id).toBe(deliveryIdOf('rec_x', change.seq));
    expect(body.id).not.toBe(deliveryIdOf('rec_x', '000003#2026-05-09T02:00:00.000Z#revoked'));
    expect(body).toMatchObject({ sequence: change.seq, change: 'corrected', version: 2, standard: '双公示·行政处罚', platform: { county: '130129', publicUntil: '2029-05-06', withheld: false } });
    expect(body.fields.行政处罚决定书文号).toBe(penalty.decisionNumber);
  });

  it('no number leaves whole but in the number columns of a destination entitled to it', () => {
    const masked = deliveryBody({ change, version, input: personInput, wholeIdNumbers: false, destinationId: 'city', countyDivisionCode: '130129' });
    expect(JSON.stringify(masked)).not.toContain(personId);
    const whole = deliveryBody({ change, version, input: personInput, wholeIdNumbers: true, destinationId: 'province', countyDivisionCode: '130129' });
    expect(whole.fields.证件号码).toBe(personId);
    expect(whole.platform.correctionReason).not.toContain(personId);
  });
});

describe('the delivery signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] };
  const body = JSON.stringify({ id: 'dlv_1', change: 'created' });
  const signature = signatureHeader('k1', sign('sha256', signingInput('dlv_1', '2026-05-08T02:00:00.000Z', body), { key: privateKey, dsaEncoding: 'ieee-p1363' }));

  it('verifies over the id, the timestamp and the body; anything changed does not', () => {
    expect(verifyDelivery({ jwks, id: 'dlv_1', timestamp: '2026-05-08T02:00:00.000Z', signature, body })).toBeNull();
    expect(verifyDelivery({ jwks, id: 'dlv_2', timestamp: '2026-05-08T02:00:00.000Z', signature, body })).toMatch(/does not match/);
    expect(verifyDelivery({ jwks, id: 'dlv_1', timestamp: '2026-05-08T02:00:01.000Z', signature, body })).toMatch(/does not match/);
    expect(verifyDelivery({ jwks, id: 'dlv_1', timestamp: '2026-05-08T02:00:00.000Z', signature, body: body + ' ' })).toMatch(/does not match/);
    expect(verifyDelivery({ jwks, id: 'dlv_1', timestamp: '2026-05-08T02:00:00.000Z', signature: 'Bearer x', body })).toMatch(/not credit-delivery-v1/);
  });

  it('the signed text can never be a JWS signing input (base64url and one dot): a delivery signature is no token signature', () => {
    const text = signingInput('dlv_1', '2026-05-08T02:00:00.000Z', body).toString('utf8');
    expect(text).toContain('\n');
    expect(/^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(text)).toBe(false);
  });
});

describe('retries', () => {
  const settings = { firstSeconds: 60, maxSeconds: 3600, deadLetterAfterHours: 72 };
  const first = new Date('2026-05-08T00:00:00Z');
  const at = (hours: number) => new Date(first.getTime() + hours * 3_600_000);

  it('transient failures back off 1, 2, 4 … minutes up to an hour, then are given up after 72 hours', () => {
    const transient = failureOf({ status: 503 });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => {
      const next = afterFailure({ attempts, firstFailedAt: first, now: first, failure: transient, settings });
      return next.dead ? 'dead' : (next.nextAttemptAt.getTime() - first.getTime()) / 1000;
    });
    expect(delays).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(afterFailure({ attempts: 30, firstFailedAt: first, now: at(24), failure: transient, settings }).dead).toBe(false);
    expect(afterFailure({ attempts: 80, firstFailedAt: first, now: at(72), failure: transient, settings }).dead).toBe(true);
  });

  it('the network, timeouts, 408, 429 and 5xx are retried; any other refusal is dead at once', () => {
    expect([failureOf({ error: 'ECONNREFUSED' }), failureOf({ status: 408 }), failureOf({ status: 429 }), failureOf({ status: 500 })].every((f) => f.transient)).toBe(true);
    expect([failureOf({ status: 400 }), failureOf({ status: 401 }), failureOf({ status: 422, body: '字段校验失败' })].some((f) => f.transient)).toBe(false);
    expect(failureOf({ status: 422, body: '字段校验失败' }).reason).toBe('HTTP 422: 字段校验失败');
    expect(afterFailure({ attempts: 1, firstFailedAt: first, now: first, failure: failureOf({ status: 422 }), settings }).dead).toBe(true);
  });
});

describe('a destination in the county file', () => {
  const schema = exchangeSettingsSchema(ruleSource);
  const source = { platformDefault: 'test' };
  const problem = (destinations: unknown[]) => {
    const result = schema.safeParse({ destinations, source });
    return result.success ? undefined : `${result.error.issues[0]!.path.join('.')}: ${result.error.issues[0]!.message}`;
  };
  it('https needs an https URL (http only to this machine); a file destination has none; ids are unique', () => {
    expect(problem([{ id: 'city', name: '市平台', transport: 'https', url: 'https://x.example/in', source }])).toBeUndefined();
    expect(problem([{ id: 'city', name: '市平台', transport: 'https', source }])).toBe('destinations.0.url: an https destination needs its url');
    expect(problem([{ id: 'city', name: '市平台', transport: 'https', url: 'http://x.example/in', source }])).toMatch(/^destinations.0.url: must be an https/);
    expect(problem([{ id: 'city', name: '市平台', transport: 'https', url: 'http://127.0.0.1:9/in', source }])).toBeUndefined();
    expect(problem([{ id: 'files', name: '省平台', transport: 'file', url: 'https://x.example', source }])).toMatch(/^destinations.0.url: a file destination has no url/);
    expect(problem([{ id: 'files', name: 'a', transport: 'file', source }, { id: 'files', name: 'b', transport: 'file', source }])).toBe('destinations.1.id: "files" is listed twice');
    expect(problem([{ id: 'files', name: 'a', transport: 'file', kinds: ['parking'], source }])).toMatch(/^destinations.0.kinds.0/);
  });
});

describe('a minutely sweep on the local clock', () => {
  const sweep = { name: 'sweep', description: '', trigger: { type: 'schedule', cron: 'cron(* * * * ? *)', description: '', catchUp: 'latest' }, resources: {} } as FunctionDeclaration;
  const daily = { name: 'daily', description: '', trigger: { type: 'schedule', cron: 'cron(0 1 * * ? *)', description: '' }, resources: {} } as FunctionDeclaration;
  it('runs once when the clock jumps over days (the last occurrence), while a daily job runs each day', () => {
    const from = Date.parse('2026-05-08T00:00:30Z');
    const runs = dueRuns([sweep, daily], 'Asia/Shanghai', from, from + 3 * 86_400_000);
    expect(runs.filter((r) => r.name === 'sweep').map((r) => r.at.toISOString())).toEqual(['2026-05-11T00:00:00.000Z']);
    expect(runs.filter((r) => r.name === 'daily')).toHaveLength(3);
    expect(dueRuns([sweep], 'Asia/Shanghai', from, from + 10_000)).toEqual([]);
  });
});
