import { clauseLabel, type CasePolicy, type CountyConfig, type MeasureCondition, type RecordMatch, type SingleCondition } from '../config/county-config.ts';
import { addMonthsClamped, type IsoDate } from '../calendar/dates.ts';
import { isBadRecordKind, type RecordKind } from '../config/record-kinds.ts';
import { isInForce, type RecordStatus } from '../records/port.ts';

export type RecordStatusForMeasures = RecordStatus;

/** What measure selection needs to know about one of the subject's records, whatever its status. */
export interface RecordForMeasures {
  recordId: string;
  kind: RecordKind;
  listName?: string;
  decisionDate: IsoDate;
  status: RecordStatusForMeasures;
  objectionId?: string;
  /** An entry of a national list the county takes (shared/national-lists), seen as a record of its kind: the list's source. */
  nationalList?: string;
}

/** A record a measure rests on, as the check receipt shows it. */
export type SupportingRecord = RecordForMeasures;

/** A measure of the county catalog that applies to this check, and why. */
export interface ApplicableMeasure {
  measureId: string;
  kind: 'incentive' | 'punishment';
  name: string;
  description: string;
  /** Where the measure comes from, as people read it (`clauseLabel`): "赞皇县信用办通知 二、(一)". */
  clause: string;
  exemption?: string;
  /** `records`: it rests on the records in `restsOn`; `cleanHistory`: on the absence of bad records. */
  basis: 'records' | 'cleanHistory';
  restsOn: SupportingRecord[];
  /** A punishment all of whose records are under objection is not applied while the provider verifies. */
  suspended: boolean;
  /** The objections that suspend it. */
  suspendedBy?: string[];
  /** Supporting records under objection that do not suspend it, and the rule that keeps them in force. */
  inForceDespiteObjection?: ObjectionKept[];
}

/** A record under objection whose punishments the county's policy keeps in force (e.g. a court's list). */
export interface ObjectionKept {
  recordId: string;
  objectionId?: string;
  reason: string;
  clause: string;
}

/** The county's rules for records whose punishments stay in force during an objection (`cases.keepPunishmentsDuringObjection`). */
export type ObjectionPolicy = CasePolicy['keepPunishmentsDuringObjection'];

type Measure = CountyConfig['measures'][number];

/** Records that still have effect: corrected data is still data; revoked, repaired and expired records have none. */
export const isInForceForMeasures = (record: Pick<RecordForMeasures, 'status'>): boolean => isInForce(record.status);

/**
 * Bad records that break a clean history: those in force, and those decided within the window even if
 * their publicity expired or the subject repaired its credit since (it still had the bad record in those
 * years; repair ends publicity and punishments, it does not rewrite the history). A revoked record was
 * wrong data and never counts.
 */
const historyStatuses: readonly RecordStatusForMeasures[] = ['active', 'underObjection', 'corrected', 'expired', 'repaired'];

/**
 * The rule that keeps a record under objection in force for punishments, if any. Kunming 003 §二(五):
 * 信息核实期间暂不执行联合惩戒措施, unless the county's policy names the record's source (a court's list of
 * dishonest judgment debtors stays in force during the court's own review).
 */
function keptDuringObjection(record: RecordForMeasures, policy: ObjectionPolicy): ObjectionPolicy[number] | undefined {
  if (record.status !== 'underObjection') return undefined;
  return policy.find((rule) => matches(rule.match, record));
}

/** Whether a record under objection suspends the punishments resting on it. The one place for that policy. */
const suspendsPunishment = (record: RecordForMeasures, policy: ObjectionPolicy): boolean =>
  record.status === 'underObjection' && !keptDuringObjection(record, policy);

/**
 * The measures of the catalog that apply to a check of one subject for one matter type. Pure: `today`
 * is the county-local date of the check.
 *
 * - Only measures whose `matters` include the matter type, or are empty (every matter).
 * - `anyRecord` looks at records in force (active, under objection, corrected).
 * - A punishment all of whose supporting records are under objection is returned `suspended`, with
 *   the objection ids; if any supporting record is not under objection it applies, and `restsOn` still
 *   lists every supporting record with its status. Incentives are never suspended. A record the
 *   county's objection policy keeps in force (a court's dishonest-debtor entry) does not suspend: the
 *   measure applies and says why in `inForceDespiteObjection`.
 * - `cleanYears: N` holds when the subject's records reach back N years, no bad record (penalty,
 *   dishonest debtor, commitment breach, black list) is in force, and none in force, expired or
 *   repaired was decided within the last N years (see `hasCleanHistory`).
 * - A subject on whom a punishment applies for this matter (suspended or not) gets no clean-history
 *   incentive for it: "no bad record" cannot be claimed next to a record that punishes. An incentive
 *   that rests on records (red list) is kept: both are shown, with their records.
 * - Sorted punishments first, then incentives, each by measure id.
 */
export function selectMeasures(args: {
  measures: CountyConfig['measures'];
  matterType: string;
  records: RecordForMeasures[];
  today: IsoDate;
  /** Records whose punishments an objection does not suspend (county config); none by default. */
  objectionPolicy?: ObjectionPolicy;
}): ApplicableMeasure[] {
  const { matterType, records, today } = args;
  const policy = args.objectionPolicy ?? [];
  const selected: ApplicableMeasure[] = [];
  for (const measure of args.measures) {
    if (measure.matters.length > 0 && !measure.matters.includes(matterType)) continue;
    const applicable = evaluate(measure, records, today, policy);
    if (applicable) selected.push(applicable);
  }
  const punished = selected.some((m) => m.kind === 'punishment');
  return selected
    .filter((m) => !(punished && m.basis === 'cleanHistory'))
    .sort((a, b) => kindOrder(a) - kindOrder(b) || compareIds(a.measureId, b.measureId));
}

function evaluate(measure: Measure, records: RecordForMeasures[], today: IsoDate, policy: ObjectionPolicy): ApplicableMeasure | null {
  const conditions = branches(measure.when);
  const supporting = records.filter(
    (record) => isInForceForMeasures(record) && conditions.some((c) => 'anyRecord' in c && c.anyRecord.some((match) => matches(match, record))),
  );
  const cleanHistory = supporting.length === 0 && conditions.some((c) => 'cleanYears' in c && hasCleanHistory(records, c.cleanYears, today));
  if (supporting.length === 0 && !cleanHistory) return null;

  const restsOn = supporting.map(toSupporting).sort(byDecisionDateDesc);
  const punishment = measure.kind === 'punishment';
  const suspended = punishment && supporting.every((r) => suspendsPunishment(r, policy));
  const suspendedBy = suspended ? [...new Set(supporting.flatMap((r) => (r.objectionId ? [r.objectionId] : [])))].sort() : [];
  const kept: ObjectionKept[] = punishment
    ? supporting.flatMap((r) => {
        const rule = keptDuringObjection(r, policy);
        return rule ? [{ recordId: r.recordId, ...(r.objectionId ? { objectionId: r.objectionId } : {}), reason: rule.reason, clause: clauseLabel(rule.clause) }] : [];
      })
    : [];
  return {
    measureId: measure.id,
    kind: measure.kind,
    name: measure.name,
    description: measure.description,
    clause: clauseLabel(measure.clause),
    ...(measure.exemption ? { exemption: measure.exemption } : {}),
    basis: supporting.length > 0 ? 'records' : 'cleanHistory',
    restsOn,
    suspended,
    ...(suspended ? { suspendedBy } : {}),
    ...(kept.length > 0 ? { inForceDespiteObjection: kept } : {}),
  };
}

const branches = (condition: MeasureCondition): SingleCondition[] => ('anyOf' in condition ? condition.anyOf : [condition]);

function matches(match: RecordMatch, record: RecordForMeasures): boolean {
  if (record.kind !== match.kind) return false;
  return !match.listNames || (record.listName !== undefined && match.listNames.includes(record.listName));
}

/**
 * "N years without a bad record" (连续N年无不良信用记录), as evidence rather than as absence of data:
 * - the platform's records of the subject reach back N years: some record that is not revoked was
 *   decided at least N years ago (an unknown subject, or one known only from recent records, has no
 *   history to vouch for; the department may still apply the measure on other evidence);
 * - no bad record is in force, whatever its date;
 * - no bad record in force, expired or repaired was decided within the last N years: it counts through
 *   the day N years after its decision (Civil Code Art. 202).
 */
export function hasCleanHistory(records: RecordForMeasures[], years: number, today: IsoDate): boolean {
  const withinWindow = (record: RecordForMeasures) => today <= addMonthsClamped(record.decisionDate, years * 12);
  const known = records.some((record) => record.status !== 'revoked' && !withinWindow(record));
  const bad = records.some(
    (record) => isBadRecordKind(record.kind) && (isInForceForMeasures(record) || (historyStatuses.includes(record.status) && withinWindow(record))),
  );
  return known && !bad;
}

function toSupporting(record: RecordForMeasures): SupportingRecord {
  return {
    recordId: record.recordId,
    kind: record.kind,
    ...(record.listName !== undefined ? { listName: record.listName } : {}),
    decisionDate: record.decisionDate,
    status: record.status,
    ...(record.objectionId ? { objectionId: record.objectionId } : {}),
    ...(record.nationalList ? { nationalList: record.nationalList } : {}),
  };
}

const byDecisionDateDesc = (a: SupportingRecord, b: SupportingRecord) =>
  compareIds(b.decisionDate, a.decisionDate) || compareIds(a.recordId, b.recordId);
const kindOrder = (m: ApplicableMeasure) => (m.kind === 'punishment' ? 0 : 1);
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const listKinds = ['blackList', 'dishonestDebtor', 'redList'] as const satisfies readonly RecordKind[];

export interface ListEntry {
  kind: (typeof listKinds)[number];
  listName?: string;
  recordId: string;
  status: RecordStatusForMeasures;
  /** A national list's entry: its source. */
  nationalList?: string;
}

/**
 * The subject's list status for the check receipt: the lists it is on through records in force
 * (black lists, the dishonest judgment debtors list, red lists). A listing under objection still shows,
 * with its status.
 */
export function listStatus(records: RecordForMeasures[]): {
  redListed: boolean;
  blackListed: boolean;
  dishonestDebtor: boolean;
  lists: ListEntry[];
} {
  const lists: ListEntry[] = records
    .filter((r): r is RecordForMeasures & { kind: ListEntry['kind'] } => isInForceForMeasures(r) && (listKinds as readonly RecordKind[]).includes(r.kind))
    .map((r) => ({ kind: r.kind, ...(r.listName !== undefined ? { listName: r.listName } : {}), recordId: r.recordId, status: r.status, ...(r.nationalList ? { nationalList: r.nationalList } : {}) }))
    .sort((a, b) => listKinds.indexOf(a.kind) - listKinds.indexOf(b.kind) || compareIds(a.listName ?? '', b.listName ?? '') || compareIds(a.recordId, b.recordId));
  return {
    redListed: lists.some((l) => l.kind === 'redList'),
    blackListed: lists.some((l) => l.kind === 'blackList'),
    dishonestDebtor: lists.some((l) => l.kind === 'dishonestDebtor'),
    lists,
  };
}
