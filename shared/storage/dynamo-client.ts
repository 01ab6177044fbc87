import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazyClient } from './lazy-client.ts';

/**
 * The DynamoDB document client. Locally it reaches DynamoDB Local through the SDK's standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, so there is no local branch here.
 */
export const dynamo = lazyClient(() => DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }));
