import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../calendar/dates.ts';
import type { Role } from '../identity/roles.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { ReportSectionId } from './report-sections.ts';

/** What the platform keeps of a generated report, under its verification code: what it said, and its bytes' digest. */
export interface ReportVerification {
  /** The code, ungrouped (verification-code.ts). */
  code: string;
  /** The subject as the report's verification shows it: a person's ID number masked, whoever read the report. */
  subject: { name: string; id: string; type: 'uscc' | 'residentId' };
  generatedAt: string;
  generatedOn: IsoDate;
  flags: { incentiveObject: boolean; punishmentObject: boolean };
  sections: { id: ReportSectionId; heading: string; count: number }[];
  /** The national list entries it showed, and the list date of each list it read (absent on reports made before). */
  nationalLists?: { count: number; sources: { source: string; name: string; listDate: string | null; stale: boolean }[] };
  /** SHA-256 of the PDF as sent (hex), its size and pages: a copy can be compared byte for byte. */
  sha256: string;
  bytes: number;
  pages: number;
  /** Who had it made (the subject's own key, the credit office, or the institution and its consent): kept, never shown publicly. */
  requestedBy: { role: Role; orgId: string; consentId?: string };
}

const table = () => tableName(creditTable);

/** Stores a report's verification, once: a code is never overwritten (80 random bits do not collide; if they did, the write fails rather than lie). */
export async function putReportVerification(verification: ReportVerification): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.reportVerification(verification.code), type: 'reportVerification', ...verification },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getReportVerification(code: string): Promise<ReportVerification | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.reportVerification(code) }));
  return Item ? withoutKeys<ReportVerification>(Item) : undefined;
}
