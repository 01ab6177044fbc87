import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { Consent } from './consent.ts';

const table = () => tableName(creditTable);

/** Stores a new consent, once per id (a retried POST with the same Idempotency-Key meets the first one). */
export async function putConsent(consent: Consent): Promise<{ stored: true } | { stored: false; existing: Consent }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.consent(consent.consentId),
          ...keys.consentsBySubject(consent.subject.id, consent.grantedAt, consent.consentId),
          ...keys.consentsByGrantee(consent.grantee.id, consent.grantedAt, consent.consentId),
          ...keys.consentsByTime(consent.grantedAt, consent.consentId),
          type: 'consent',
          ...consent,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { stored: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { stored: false, existing: (await getConsent(consent.consentId))! };
  }
}

/** A consent by id, strongly consistent: a query decides on the consent as it is now (a revocation a moment ago counts). */
export async function getConsent(consentId: string): Promise<Consent | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.consent(consentId), ConsistentRead: true }));
  return Item ? withoutKeys<Consent>(Item) : undefined;
}

/**
 * Revokes a consent for the subject that granted it, once: the condition names the subject and no
 * earlier revocation. Answers what stood in the way otherwise (`notYours` covers a consent that does not exist).
 */
/**
 * Revokes a consent of `subjectId` (the write's condition, so a race cannot revoke another's). When it
 * does not apply, the consent as it is (or none) is returned for the use case to decide what to answer.
 */
export async function revokeConsent(consentId: string, subjectId: string, revoked: NonNullable<Consent['revoked']>): Promise<{ outcome: 'revoked'; consent: Consent } | { outcome: 'notRevoked'; consent: Consent | undefined }> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.consent(consentId),
        UpdateExpression: 'SET revoked = :revoked',
        ConditionExpression: 'attribute_exists(pk) AND #subject.#id = :subject AND attribute_not_exists(revoked)',
        ExpressionAttributeNames: { '#subject': 'subject', '#id': 'id' },
        ExpressionAttributeValues: { ':revoked': revoked, ':subject': subjectId },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { outcome: 'revoked', consent: withoutKeys<Consent>(Attributes!) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { outcome: 'notRevoked', consent: await getConsent(consentId) };
  }
}

/** Whose consents a list reads: one subject's (gsi1), one institution's (gsi2), or the county's (gsi3). */
export type ConsentListKey = { subjectId: string } | { granteeId: string } | { all: true };

/** One page of consents, newest first (an index: eventually consistent, as lists may be). */
export async function listConsents(by: ConsentListKey, limit: number, startKey?: Record<string, unknown>) {
  const [index, partitionKey, value] =
    'subjectId' in by
      ? (['gsi1', 'gsi1pk', keys.consentsOfSubject(by.subjectId)] as const)
      : 'granteeId' in by
        ? (['gsi2', 'gsi2pk', keys.consentsOfGrantee(by.granteeId)] as const)
        : (['gsi3', 'gsi3pk', keys.allConsents] as const);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: index,
      KeyConditionExpression: `${partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': value },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { consents: (result.Items ?? []).map((i) => withoutKeys<Consent>(i)), lastKey: result.LastEvaluatedKey };
}
