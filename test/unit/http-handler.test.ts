import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { maskResidentId, maskResidentIdsIn } from '../../shared/privacy/resident-id-mask.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../events/${name}.json`, import.meta.url), 'utf8'));
const context = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
type Result = { statusCode: number; body: string };

let getCaller: (e: unknown, c: Context) => Promise<Result>;
let getCountyProfile: (e: unknown, c: Context) => Promise<Result>;

beforeAll(async () => {
  process.env.COUNTY_CONFIG = JSON.stringify(loadCounty('jiaxian'));
  getCaller = (await import('../../functions/get-caller/handler.ts')).handler as never;
  getCountyProfile = (await import('../../functions/get-county-profile/handler.ts')).handler as never;
});

describe('the shared HTTP middleware', () => {
  it('hands the handler a typed caller from the JWT claims', async () => {
    const result = await getCaller(sample('get-caller'), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ role: 'department', orgId: 'dept-finance', county: 'jiaxian', userId: 'sample-user' });
  });

  it('answers 401 when the claims lack a role, and 403 for another county', async () => {
    const noRole = sample('get-caller');
    delete noRole.requestContext.authorizer.jwt.claims['custom:role'];
    const unauthenticated = await getCaller(noRole, context);
    expect(unauthenticated.statusCode).toBe(401);
    expect(JSON.parse(unauthenticated.body).error.code).toBe('UNAUTHENTICATED');

    const otherCounty = sample('get-caller');
    otherCounty.requestContext.authorizer.jwt.claims['custom:county'] = 'kunming';
    const forbidden = await getCaller(otherCounty, context);
    expect(forbidden.statusCode).toBe(403);
    expect(JSON.parse(forbidden.body).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers 401 when a protected route arrives with no authorizer at all', async () => {
    const event = sample('get-caller');
    delete event.requestContext.authorizer;
    expect((await getCaller(event, context)).statusCode).toBe(401);
  });

  it('answers 403 to a role the route does not allow, before the use case runs', async () => {
    const { z } = await import('zod');
    const { httpHandler } = await import('../../shared/http/http-handler.ts');
    let ran = false;
    const officeOnly = httpHandler(
      { type: 'http', method: 'GET', path: '/office', access: { roles: ['creditOffice'] }, summary: 'test', response: { status: 200, body: z.object({}) } },
      async () => ((ran = true), { body: {} }),
    );
    const result = (await officeOnly(sample('get-caller'), context)) as Result;
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body).error).toEqual({ code: 'FORBIDDEN', message: 'role "department" may not call this route (allowed: creditOffice)' });
    expect(ran).toBe(false);
  });

  it('refuses a malformed JSON body and a body over the limit with stable codes', async () => {
    const { z } = await import('zod');
    const { httpHandler, maxBodyBytes } = await import('../../shared/http/http-handler.ts');
    const echo = httpHandler(
      { type: 'http', method: 'POST', path: '/echo', access: { roles: ['department'] }, summary: 'test', request: { body: z.object({ name: z.string().max(10) }) }, response: { status: 201, body: z.object({}) } },
      async ({ body }) => ({ body }),
    );
    const withBody = (body: string) => ({ ...sample('get-caller'), body });
    expect(JSON.parse(((await echo(withBody('{"name":'), context)) as Result).body).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
    const tooLong = JSON.parse(((await echo(withBody('{"name":"abcdefghijk"}'), context)) as Result).body).error;
    expect(tooLong).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.name' });
    const huge = (await echo(withBody(JSON.stringify({ name: 'x'.repeat(maxBodyBytes) })), context)) as Result;
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    const ok = (await echo(withBody('{"name":"ok"}'), context)) as Result;
    expect([ok.statusCode, JSON.parse(ok.body)]).toEqual([201, { name: 'ok' }]);
  });

  it('validates the query with the declared schema, naming the field', async () => {
    const event = sample('get-county-profile');
    event.queryStringParameters = { date: '2026-02-30x' };
    const result = await getCountyProfile(event, context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'VALIDATION_FAILED', field: 'query.date', message: 'query.date: must be a date written YYYY-MM-DD' },
    });
  });

  it('computes from the request time, not the server clock', async () => {
    const event = sample('get-county-profile');
    delete event.queryStringParameters;
    event.requestContext.timeEpoch = Date.parse('2026-10-08T17:30:00Z'); // 2026-10-09 01:30 in Beijing
    const body = JSON.parse((await getCountyProfile(event, context)).body);
    expect(body.date).toBe('2026-10-09');
  });

  it('never writes a resident ID number into the logs', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const info = vi.spyOn(console, 'info').mockImplementation((...args) => void lines.push(args.join(' ')));
    const { logger } = await import('../../shared/lambda/logger.ts');
    logger.info('subject looked up', { subject: '11010519491231002X', note: '身份证 110105194912310021 已核验' });
    spy.mockRestore();
    info.mockRestore();
    const output = lines.join('\n');
    expect(output).toContain('110105********002X');
    expect(output).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('resident ID masking', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
  it('masks every ID in free text but leaves longer digit runs and USCCs with letters alone', () => {
    expect(maskResidentIdsIn('甲 11010519491231002X，乙 110105194912310021。')).toBe('甲 110105********002X，乙 110105********0021。');
    expect(maskResidentIdsIn('order 1234567890123456789012')).toBe('order 1234567890123456789012');
    expect(maskResidentIdsIn('91410425MA45E8TH52')).toBe('91410425MA45E8TH52');
  });
});
