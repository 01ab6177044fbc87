import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import type { FilingKind } from './filing-periods.ts';

/** A filing kind as departments and the office read it, its clauses in words. */
export function presentKind(kind: FilingKind) {
  return {
    id: kind.id,
    name: kind.name,
    contains: kind.contains,
    cadence: kind.due.cadence,
    reminderWorkingDays: kind.reminderWorkingDays,
    source: clauseLabel(kind.source),
    ...(kind.dueSource ? { dueSource: clauseLabel(kind.dueSource) } : {}),
  };
}

/** The county's kind of that id, or a 400 naming `field` and the kinds there are. */
export function kindOf(county: CountyConfig, id: string, field = 'body.kind'): FilingKind {
  const kind = county.filings.kinds.find((k) => k.id === id);
  if (kind) return kind;
  const kinds = county.filings.kinds;
  throw validationFailed(field, kinds.length ? `must be one of this county's filing kinds: ${kinds.map((k) => `${k.id} (${k.name})`).join(', ')}` : `names no filing: ${county.name}'s notice asks for no narrative filing`);
}
