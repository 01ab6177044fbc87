import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { queryAll } from '../storage/query-all.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { AssessedMonth } from './assessments.ts';

/** An annotation of the credit office on a department's month (考核备注): kept, never edited. */
export interface AssessmentNote {
  noteId: string;
  month: string;
  orgId: string;
  text: string;
  at: string;
  by: string;
}

const table = () => tableName(creditTable);

/** The month's snapshot: written when its bulletin is drafted, refreshed until published, then final. */
export async function putAssessmentSnapshot(snapshot: AssessedMonth & { final: boolean }): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.assessmentSnapshot(snapshot.month), type: 'assessment', ...snapshot },
      // A final snapshot (its bulletin published) is never overwritten.
      ConditionExpression: 'attribute_not_exists(pk) OR #final = :no',
      ExpressionAttributeNames: { '#final': 'final' },
      ExpressionAttributeValues: { ':no': false },
    }),
  );
}

export async function getAssessmentSnapshot(month: string): Promise<(AssessedMonth & { final: boolean }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.assessmentSnapshot(month), ConsistentRead: true }));
  return Item ? withoutKeys<AssessedMonth & { final: boolean }>(Item) : undefined;
}

export async function putAssessmentNote(note: Omit<AssessmentNote, 'noteId'>): Promise<AssessmentNote> {
  const stored = { ...note, noteId: `note_${randomUUID()}` };
  await dynamo.send(
    new PutCommand({ TableName: table(), Item: { ...keys.assessmentNote(note.month, note.orgId, note.at, stored.noteId), type: 'assessmentNote', ...stored }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  return stored;
}

/** The month's notes, by department then time: one key range of the month's partition. */
export async function notesOfMonth(month: string): Promise<AssessmentNote[]> {
  const { items } = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.assessmentPartition(month), ':prefix': keys.assessmentNotesPrefix },
  });
  return items.map((i) => withoutKeys<AssessmentNote>(i));
}
