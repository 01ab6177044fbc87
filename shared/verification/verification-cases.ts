import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../storage/clients.ts';
import { keys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { VerificationDeadline, VerificationStartInput } from '../workflows/verification-case.ts';

/** Persistence of verification cases (the objection workflow's state outside Step Functions). */

export async function openCase(input: VerificationStartInput, deadline: VerificationDeadline, now: Date): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName(creditTable),
        Item: {
          ...keys.verificationCase(input.caseId),
          ...keys.casesByProvider(input.providerOrgId, deadline.answerBy, input.caseId),
          ...input,
          answerBy: deadline.answerBy,
          status: 'open',
          openedAt: now.toISOString(),
        },
        // A retried task finds the case already open: keep the first opening.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Keeps the task token with the case; the provider's answer resumes the workflow with it. Never logged. */
export async function storeTaskToken(caseId: string, taskToken: string, now: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(creditTable),
      Key: keys.verificationCase(caseId),
      UpdateExpression: 'SET taskToken = :token, #status = :awaiting, awaitingSince = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':token': taskToken, ':awaiting': 'awaiting', ':now': now.toISOString() },
    }),
  );
}

export async function closeCase(caseId: string, outcome: unknown, now: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(creditTable),
      Key: keys.verificationCase(caseId),
      UpdateExpression: 'SET #status = :closed, outcome = :outcome, closedAt = :now REMOVE taskToken',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':closed': 'closed', ':outcome': outcome, ':now': now.toISOString() },
    }),
  );
}

export async function markOverdue(caseId: string, now: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(creditTable),
      Key: keys.verificationCase(caseId),
      UpdateExpression: 'SET #status = :overdue, overdueAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':overdue': 'overdue', ':now': now.toISOString() },
    }),
  );
}
