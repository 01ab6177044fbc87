import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredReport } from './report-rules.ts';

/** DynamoDB adapter of report uploads and reports. */
export interface ReportUpload {
  uploadId: string;
  agencyId: string;
  /** The subject's key (a USCC, or a person key); a person's number masked and sealed beside it. */
  subjectId: string;
  subjectType: 'uscc' | 'residentId';
  subjectMaskedId?: string;
  subjectSealedId?: string;
  reportNumber: string;
  reportType: 'comprehensive' | 'special';
  issueDate: string;
  rating: string;
  riskWarning?: string;
  objectKey: string;
  createdAt: string;
  /** When the presigned POST stops working (not `expiresAt`: that is the table's TTL attribute). */
  postExpiresAt: string;
  state: 'pending' | 'accepted' | 'rejected';
  reason?: string;
  reportId?: string;
  /** The object version that settled the upload (the one checked, and for an accepted one the report's). */
  versionId?: string;
  /** Versions posted to the key after it was settled: ignored, kept here for the credit office to see. */
  ignoredVersionIds?: Set<string>;
}

const table = () => tableName(creditTable);

/**
 * Stores a pending upload and the key item of (agency, report number), both or neither. The number is
 * taken unless its earlier upload was rejected or its POST expired unused; then it may be used again.
 */
export async function putPendingUpload(upload: ReportUpload): Promise<'stored' | 'duplicate'> {
  const reusable = {
    ConditionExpression: 'attribute_not_exists(pk) OR #state = :rejected OR (#state = :pending AND postExpiresAt < :now)',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':rejected': 'rejected', ':pending': 'pending', ':now': upload.createdAt },
  };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: { ...keys.reportKey(upload.agencyId, upload.reportNumber), uploadId: upload.uploadId, state: 'pending', postExpiresAt: upload.postExpiresAt },
              ...reusable,
            },
          },
          { Put: { TableName: table(), Item: { ...keys.reportUpload(upload.uploadId), type: 'reportUpload', ...upload } } },
        ],
      }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'duplicate';
    throw error;
  }
}

export async function getUpload(uploadId: string): Promise<ReportUpload | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.reportUpload(uploadId), ConsistentRead: true }));
  return Item ? withoutKeys<ReportUpload>(Item) : undefined;
}

const settleUpload = (upload: ReportUpload, set: string, values: Record<string, unknown>) => [
  {
    Update: {
      TableName: table(),
      Key: keys.reportUpload(upload.uploadId),
      UpdateExpression: `SET #state = :state, settledAt = :at, versionId = :version${set}`,
      ConditionExpression: '#state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ...values },
    },
  },
  {
    Update: {
      TableName: table(),
      Key: keys.reportKey(upload.agencyId, upload.reportNumber),
      UpdateExpression: 'SET #state = :state',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': values[':state'] },
    },
  },
];

/**
 * Stores an accepted report in one transaction: the subject's copy, the copy by id, and the upload
 * (and its key item) moved from pending to accepted. If the upload is no longer pending (a repeated S3
 * event), nothing is written and the answer is `settled`.
 */
export async function storeAcceptedReport(upload: ReportUpload, report: StoredReport): Promise<'stored' | 'settled'> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          ...reportItems(report).map((Item) => ({ Put: { TableName: table(), Item } })),
          ...settleUpload(upload, ', reportId = :rid', { ':state': 'accepted', ':at': report.acceptedAt, ':rid': report.reportId, ':version': report.versionId }),
        ],
      }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return 'settled';
    throw error;
  }
}

/** Marks a pending upload rejected with the reason; `settled` if it was no longer pending. */
export async function storeRejectedUpload(upload: ReportUpload, reason: string, versionId: string, at: string): Promise<'stored' | 'settled'> {
  try {
    await dynamo.send(
      new TransactWriteCommand({ TransactItems: settleUpload(upload, ', reason = :reason', { ':state': 'rejected', ':at': at, ':reason': reason, ':version': versionId }) }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return 'settled';
    throw error;
  }
}

/** Notes a version posted to a settled upload's key, which the ingest ignored (a set: a repeated event adds nothing). */
export async function noteIgnoredVersion(uploadId: string, versionId: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.reportUpload(uploadId),
      UpdateExpression: 'ADD ignoredVersionIds :v',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':v': new Set([versionId]) },
    }),
  );
}

export async function getReport(reportId: string): Promise<StoredReport | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.report(reportId), ConsistentRead: true }));
  return Item ? withoutKeys<StoredReport>(Item) : undefined;
}

/** Current state of several reports (a page of checks), 100 keys per BatchGet as DynamoDB allows. */
export async function getReports(reportIds: string[]): Promise<Map<string, StoredReport>> {
  const found = new Map<string, StoredReport>();
  const unique = [...new Set(reportIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string }> | undefined = {
      [table()]: { Keys: unique.slice(i, i + 100).map((id) => keys.report(id)) },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table()] ?? []) {
        const report = withoutKeys<StoredReport>(item);
        found.set(report.reportId, report);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** Voids a valid report: both copies, in one transaction; `notValid` if it was already voided. */
export async function storeVoid(report: StoredReport, voided: NonNullable<StoredReport['voided']>): Promise<'stored' | 'notValid'> {
  const update = (key: { pk: string; sk: string }) => ({
    Update: {
      TableName: table(),
      Key: key,
      UpdateExpression: 'SET #status = :voided, voided = :v',
      ConditionExpression: '#status = :valid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':voided': 'voided', ':valid': 'valid', ':v': voided },
    },
  });
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [update(keys.report(report.reportId)), update(keys.subjectReport(report.subjectId, report.reportId))] }));
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'notValid';
    throw error;
  }
}

/**
 * The two items of a report (the subject's copy and the copy by id); demo data stores an expired one with
 * them directly. The copy by id is in the due-date index on its last valid day (the overdue scan warns
 * before and reports after; a voided report keeps the key and the scan skips it).
 */
export const reportItems = (report: StoredReport) => {
  const item = { type: 'report', ...report };
  return [
    { ...keys.subjectReport(report.subjectId, report.reportId), ...item },
    { ...keys.report(report.reportId), ...keys.dueOn('report-expiry', report.validUntil, report.reportId), ...item },
  ];
};

