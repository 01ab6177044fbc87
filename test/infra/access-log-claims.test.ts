import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { claimNames } from '../../shared/identity/claims.ts';
import { synthCounties, synthTimeoutMs } from './synth.ts';

/**
 * Issue 13, 3b: the API Gateway access log logs no claim that can hold an ID number. A person's token
 * carries its resident ID number as `custom:orgId` (shared/identity/caller.ts turns it into the person
 * key only inside the function); `sub` is the user's handle. Only the role may be logged.
 */
let synth: ReturnType<typeof synthCounties>;
let format: Record<string, string>;
let machineFormat: Record<string, string>;
beforeAll(() => {
  synth = synthCounties([loadCounty('jiaxian')]);
  const stages = Object.entries(synth.county('jiaxian').json.Resources as Record<string, { Type: string; Properties: any }>).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage');
  expect(stages).toHaveLength(2);
  const formatOf = (prefix: string) => JSON.parse(stages.find(([id]) => id.startsWith(prefix))![1].Properties.AccessLogSettings.Format);
  format = formatOf('ApiDefaultStage');
  machineFormat = formatOf('ApiMachineStage');
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

it('the access log format names no claim but the role, and no other identity of the caller', () => {
  const variables = Object.values(format).join(' ');
  const claims = [...variables.matchAll(/\$context\.authorizer\.claims\.([\w:.-]+)/g)].map((m) => m[1]);
  expect(claims.filter((claim) => claim !== claimNames.role)).toEqual([]);
  expect(variables).not.toMatch(/\$context\.authorizer\.(principalId|jwt|[\w]*orgId)|\$context\.identity\./);
  for (const claim of [claimNames.orgId, claimNames.userId]) expect(variables).not.toContain(`claims.${claim}`);
});

it("the machine API's access log names the client (a system, no person) and no other claim", () => {
  const variables = Object.values(machineFormat).join(' ');
  const claims = [...variables.matchAll(/\$context\.authorizer\.claims\.([\w:.-]+)/g)].map((m) => m[1]);
  expect(claims).toEqual([claimNames.clientId]);
  expect(machineFormat.routeKey).toBe('$context.routeKey');
});
