import type { z } from 'zod';
import type { publicRecordBody } from './api.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { blackListNames, isBlackListName } from '../config/list-names.ts';
import { maskPersonName } from '../privacy/person-name-mask.ts';
import { presentMaskedRecord } from './present-record.ts';
import { penaltyCategoryLabels, type PenaltyCategory } from '../config/record-kinds.ts';
import type { StoredRecord } from './stored-record.ts';

export type PublicRecord = z.output<typeof publicRecordBody>;

/**
 * The fields of each kind that are published (双公示 and the lists): what was decided, on what basis,
 * for how long. Left out everywhere: remarks (备注, free text for the platform), who pushed it and when,
 * its publication deadline and lateness, corrections and their reasons, open objections' ids.
 */
const contentFields: Record<StoredRecord['kind'], readonly string[]> = {
  licence: ['licenceDocumentName', 'licenceCategory', 'certificateName', 'certificateNumber', 'licenceContent', 'validFrom', 'validTo'],
  penalty: ['violationType', 'facts', 'legalBasis', 'penaltyCategories', 'penaltyContent', 'fineAmountYuan', 'confiscationAmountYuan'],
  enforcement: ['content', 'legalBasis'],
  levy: ['content', 'legalBasis'],
  confirmation: ['content', 'legalBasis'],
  reward: ['content', 'legalBasis'],
  judgment: ['court', 'caseNumber', 'content'],
  dishonestDebtor: ['court', 'caseNumber', 'obligation', 'performanceStatus', 'listedUntil'],
  commitment: ['commitmentType', 'content'],
  commitmentBreach: ['breachFacts', 'content'],
  redList: ['listName', 'listingBasis', 'listedUntil'],
  blackList: ['listName', 'listingBasis', 'listedUntil'],
};

const isPerson = (record: Pick<StoredRecord, 'subjectType' | 'input'>) => record.subjectType === 'residentId' || record.input.subject.category === 'naturalPerson';

/** A subject as the public sees it: a person's name masked (张**), an organisation's in full. */
export function publicSubjectName(record: Pick<StoredRecord, 'subjectType' | 'subjectName' | 'input'>): string {
  return isPerson(record) ? maskPersonName(record.subjectName) : record.subjectName;
}

/**
 * The subject of `records` (all of one subject) as the public sees it: named as on the record received
 * last, its ID number masked (the USCC of an organisation is public). Undefined when there are none.
 */
export function publicSubjectOf(records: readonly StoredRecord[], id: string) {
  if (records.length === 0) return undefined;
  const latest = records.reduce((a, b) => (a.receivedAt >= b.receivedAt ? a : b));
  return { id, type: latest.subjectType, name: publicSubjectName(latest) };
}

/**
 * The public projection of a record: what the public site shows, and what every caller without a relation
 * to the record gets (`accessPolicy.recordView`): an agency, an institution outside a consented query,
 * another subject, a department outside a check. ID numbers masked, never opened; a person's name masked;
 * of the legal representative only the name (an organisation's), never the identity document.
 * Call it only for records `accessPolicy.seeRecord` allows such a caller: in force and in their publicity period.
 */
export async function presentPublicRecord(record: StoredRecord, today: IsoDate): Promise<PublicRecord> {
  const shown = presentMaskedRecord(record, today);
  const details = shown.details as unknown as Record<string, unknown> & { subject: { category: string; legalRepresentative?: string } };
  const content: Record<string, unknown> = {};
  for (const field of contentFields[record.kind]) if (details[field] !== undefined) content[field] = details[field];
  if (Array.isArray(content.penaltyCategories)) {
    content.penaltyCategoryLabels = (content.penaltyCategories as PenaltyCategory[]).map((c) => penaltyCategoryLabels[c] ?? c);
  }
  if (record.kind === 'blackList' && typeof content.listName === 'string' && isBlackListName(content.listName)) {
    content.listLabel = blackListNames[content.listName];
  }
  const person = isPerson(record);
  return {
    recordId: shown.recordId,
    kind: shown.kind,
    kindLabel: shown.kindLabel,
    status: shown.status as PublicRecord['status'],
    subject: {
      id: shown.subject.id,
      type: shown.subject.type,
      category: details.subject.category,
      name: publicSubjectName(record),
      ...(!person && details.subject.legalRepresentative ? { legalRepresentative: details.subject.legalRepresentative } : {}),
    },
    decisionNumber: shown.decisionNumber,
    decisionDate: shown.decisionDate,
    authority: details.authority as PublicRecord['authority'],
    sourceDepartment: details.sourceDepartment as string,
    publicity: { publicFrom: record.publicity.publicFrom, publicUntil: record.publicity.publicUntil, ruleSource: record.publicity.ruleSource },
    content,
  };
}
