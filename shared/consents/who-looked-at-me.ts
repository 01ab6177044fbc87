import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { myChecksQuery } from './api.ts';
import type { CheckLogEntry } from '../checks/port.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import type { Caller } from '../identity/caller.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys } from '../storage/keys.ts';
import { usageTable } from '../storage/tables.ts';
import { organisationNames } from './organisation-names.ts';
import { callerSubjectKey } from './subject-key.ts';

/**
 * GET /me/checks ("who looked at me"): every check a department ran on the caller's subject and every
 * query an institution made of it, refused ones included, newest first, paged: who (with its name where
 * the platform knows it), when, for which matter or purpose, what it was shown, and a check's outcome.
 * One query of the usage log's subject index (gsi2, by time), one BatchGet of the organisations' names.
 */
export async function whoLookedAtMe(args: { query: z.output<typeof myChecksQuery>; caller: Caller }) {
  const subject = callerSubjectKey(args.caller);
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName(usageTable),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': usageKeys.checksOfSubjectPrefix(subject.id).gsi2pk },
      ScanIndexForward: false,
      Limit: args.query.limit,
      ExclusiveStartKey: decodePageToken(args.query.nextToken),
    }),
  );
  const entries = (page.Items ?? []) as unknown as CheckLogEntry[];
  const names = await organisationNames(entries.map((e) => e.departmentOrgId));
  return {
    checks: entries.map((e) => presentLook(e, names.get(e.departmentOrgId) ?? null)),
    ...(page.LastEvaluatedKey ? { nextToken: encodePageToken(page.LastEvaluatedKey) } : {}),
  };
}

/** One look at the subject, as the subject sees it (fields picked one by one: the log item holds more, such as its keys). */
function presentLook(e: CheckLogEntry, name: string | null) {
  const kind = e.kind ?? 'check';
  return {
    checkId: e.checkId,
    kind,
    at: e.checkedAt,
    on: e.checkedOn,
    by: { orgId: e.departmentOrgId, role: kind === 'query' ? ('institution' as const) : ('department' as const), name, ...(e.system ? { system: e.system.name } : {}) },
    matter: { type: e.matter.type, typeName: e.matter.typeName, reference: e.matter.reference, name: e.matter.name },
    ...(e.consentId ? { consentId: e.consentId } : {}),
    ...(e.refused ? { refused: { code: e.refused.code, at: e.refused.at } } : {}),
    records: (e.records ?? []).map((r) => ({ recordId: r.recordId, version: r.version, kind: r.kind, decisionNumber: r.decisionNumber })),
    reports: (e.reports ?? []).map((r) => ({ reportId: r.reportId, reportNumber: r.reportNumber, agencyId: r.agencyId })),
    outcome: e.outcome ? { decision: e.outcome.decision, appliedMeasures: e.outcome.appliedMeasures, recordedAt: e.outcome.recordedAt } : null,
  };
}
