import { createHash } from 'node:crypto';
import { maskIdsInValue } from '../privacy/resident-id-mask.ts';
import { recordToRow, type RecordChange, type RecordInput, type StoredRecord } from '../records/port.ts';

/** The national standard each kind's fields follow (双公示数据标准 for 行政许可 and 行政处罚; the platform's own otherwise). */
const standardOf = (kind: StoredRecord['kind']): string => (kind === 'penalty' ? '双公示·行政处罚' : kind === 'licence' ? '双公示·行政许可' : '平台·' + kind);

/**
 * The id a change is delivered under, the same on every attempt and to every destination: a receiver that has seen
 * it drops the delivery (at least once, made harmless).
 */
export const deliveryIdOf = (recordId: string, seq: string): string => `dlv_${createHash('sha256').update(`${recordId}\u0000${seq}`).digest('base64url').slice(0, 26)}`;

/** What a destination receives for one change (JSON; one line of a daily file). */
export interface DeliveryBody {
  id: string;
  destination: string;
  /** Sorts the record's changes: a receiver applies a record's deliveries in this order (they also arrive in it). */
  sequence: string;
  recordId: string;
  change: RecordChange['change'];
  changedAt: string;
  version: number;
  lifecycle: RecordChange['lifecycle'];
  kind: StoredRecord['kind'];
  standard: string;
  /** The record as a row of the national template: header → text, in the standard's column order. */
  fields: Record<string, string>;
  platform: {
    county: string;
    providerOrgId: string;
    decisionNumber: string;
    receivedAt: string;
    publicUntil: string | null;
    /** Not published (不予公示): the upstream shares it but does not publish it. */
    withheld: boolean;
    caseId?: string;
    correctionReason?: string;
  };
}

/**
 * The body of one change for one destination. Pure: `input` is the version's input as the destination may receive
 * it (persons' numbers masked, or whole where the county file says the destination may have them).
 */
export function deliveryBody(args: { change: RecordChange; version: StoredRecord; input: RecordInput; wholeIdNumbers: boolean; destinationId: string; countyDivisionCode: string }): DeliveryBody {
  const { change, version } = args;
  const body: DeliveryBody = {
    id: deliveryIdOf(change.recordId, change.seq),
    destination: args.destinationId,
    sequence: change.seq,
    recordId: change.recordId,
    change: change.change,
    changedAt: change.at,
    version: change.version,
    lifecycle: change.lifecycle,
    kind: version.kind,
    standard: standardOf(version.kind),
    fields: Object.fromEntries(recordToRow(args.input)),
    platform: {
      county: args.countyDivisionCode,
      providerOrgId: version.providerOrgId,
      decisionNumber: version.decisionNumber,
      receivedAt: version.receivedAt,
      publicUntil: version.publicity.publicUntil ?? null,
      withheld: version.withheld !== undefined,
      ...(change.caseId ? { caseId: change.caseId } : {}),
      ...(version.correction && change.change === 'corrected' ? { correctionReason: version.correction.reason } : {}),
    },
  };
  // No number leaves whole but in the standard's number columns of a destination entitled to them (free text is masked when stored; again here).
  return maskIdsInValue(body, args.wholeIdNumbers ? wholeNumberColumns : new Set()) as DeliveryBody;
}

/** The columns of the national template that hold a person's number. */
const wholeNumberColumns: ReadonlySet<string> = new Set(['证件号码', '法定代表人证件号码']);
