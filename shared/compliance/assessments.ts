import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { clauseLabel } from '../config/county-config.ts';
import { assessmentRuleLabels } from '../config/supervision-settings.ts';
import { getDepartment } from '../departments/port.ts';
import { NotPermitted, notFound, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { accessPolicy } from '../records/port.ts';
import { rankByScore, scoreMonth, yearScore, type ScoreLine } from './assessment.ts';
import { getAssessmentSnapshot, notesOfMonth, putAssessmentNote, putAssessmentSnapshot, type AssessmentNote } from './assessment-store.ts';
import { monthFacts, parseMonth, shiftMonth, type DepartmentMonthFacts, type MonthFacts } from './month-facts.ts';

/** A department's assessed month: its facts, score, rank and the breakdown of the score. */
export type AssessedDepartment = DepartmentMonthFacts & { score: number; rank: number; breakdown: ScoreLine[] };

export interface AssessedMonth {
  month: string;
  asOf: string;
  complete: boolean;
  departments: AssessedDepartment[];
  accountability: MonthFacts['accountability'];
  rules: Array<{ id: string; name: string; description: string; weight: number; deductPerItem?: number }>;
  /** The clause that asks for the assessment, and where the weights come from. */
  clause: string;
  weightsClause: string;
}

/** The rules as shown beside the scores. */
export const rulesOf = (county: CountyConfig) => ({
  rules: county.assessment.rules.map((r) => ({ ...r, ...assessmentRuleLabels[r.id] })),
  clause: clauseLabel(county.assessment.source),
  weightsClause: clauseLabel(county.assessment.weightsSource),
});

/** The month read live and scored by the county's rules. */
export async function assessMonth(args: { month: string; county: CountyConfig; now: Date }): Promise<AssessedMonth> {
  const facts = await monthFacts(args);
  const scored = facts.departments.map((d) => ({ ...d, ...scoreMonth(d, args.county.assessment.rules) }));
  return { month: facts.month, asOf: facts.asOf, complete: facts.complete, departments: rankByScore(scored), accountability: facts.accountability, ...rulesOf(args.county) };
}

/** The month as the office assesses it: its final snapshot once its bulletin is published, otherwise read now. */
async function monthAsAssessed(args: { month: string; county: CountyConfig; now: Date }): Promise<AssessedMonth & { final: boolean }> {
  const snapshot = await getAssessmentSnapshot(args.month);
  if (snapshot?.final) return snapshot;
  return { ...(await assessMonth(args)), final: false };
}

/** Keeps the month's scores as its bulletin shows them; `final` when the bulletin is published (never changed after). */
export const keepAssessment = (assessed: AssessedMonth, final: boolean) => putAssessmentSnapshot({ ...assessed, final });

const presentNote = (n: AssessmentNote) => ({ noteId: n.noteId, text: n.text, at: n.at, by: n.by });

/**
 * GET /assessments?month=: every department's score, rank and breakdown (a department: its own row only), with
 * the office's annotations; `final` once the month's bulletin is published. `?year=`: each department's months
 * so far and the year's score (their mean, 001 六(四) 全年绩效考核).
 */
export async function readAssessments(args: { query: { month?: string; year?: string; department?: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const { caller, county, now, query } = args;
  const { allowed, of } = accessPolicy.ownListing(caller, query.department);
  if (!allowed) throw new NotPermitted('a department reads only its own assessment', 'FORBIDDEN', 'query.department');
  const today = localDate(now, county.timeZone);
  if (query.year !== undefined) return yearView({ year: query.year, of, county, now, today });
  const month = query.month ?? shiftMonth(today.slice(0, 7), -1);
  parseMonth(month, 'query.month');
  const [assessed, notes] = await Promise.all([monthAsAssessed({ month, county, now }), notesOfMonth(month)]);
  const departments = assessed.departments
    .filter((d) => of === undefined || d.orgId === of)
    .map((d) => ({ ...d, annotations: notes.filter((n) => n.orgId === d.orgId).map(presentNote) }));
  const accountability = assessed.accountability.filter((a) => of === undefined || a.orgId === of);
  return { month: assessed.month, asOf: assessed.asOf, complete: assessed.complete, final: assessed.final, rules: assessed.rules, clause: assessed.clause, weightsClause: assessed.weightsClause, departments, accountability };
}

async function yearView(args: { year: string; of: string | undefined; county: CountyConfig; now: Date; today: string }) {
  if (!/^\d{4}$/.test(args.year) || Number(args.year) < 2000 || Number(args.year) > 2100) throw validationFailed('query.year', `must be a year written YYYY, got "${args.year}"`);
  if (`${args.year}-01-01` > args.today) throw validationFailed('query.year', `is in the future: ${args.year} has not begun`);
  const months = Array.from({ length: 12 }, (_, i) => `${args.year}-${String(i + 1).padStart(2, '0')}`).filter((m) => `${m}-01` <= args.today);
  const assessed: (AssessedMonth & { final: boolean })[] = [];
  for (const month of months) assessed.push(await monthAsAssessed({ month, county: args.county, now: args.now }));
  const orgIds = [...new Set(assessed.flatMap((a) => a.departments.map((d) => d.orgId)))].filter((o) => args.of === undefined || o === args.of).sort();
  const departments = orgIds.map((orgId) => {
    const scores = assessed.flatMap((a) => {
      const d = a.departments.find((x) => x.orgId === orgId);
      return d ? [{ month: a.month, score: d.score, rank: d.rank, complete: a.complete, final: a.final }] : [];
    });
    const name = assessed.flatMap((a) => a.departments).find((d) => d.orgId === orgId)!.name;
    return { orgId, name, months: scores, yearScore: yearScore(scores.map((s) => s.score)) };
  });
  departments.sort((a, b) => (b.yearScore ?? -1) - (a.yearScore ?? -1) || a.orgId.localeCompare(b.orgId));
  return { year: args.year, asOf: args.today, ...rulesOf(args.county), departments };
}

/** POST /assessments/{month}/annotations: the credit office's note on a department's month (kept, dated, signed). */
export async function annotateAssessment(args: { month: string; body: { orgId: string; text: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const { month } = parseMonth(args.month, 'path.month');
  if (`${month}-01` > localDate(args.now, args.county.timeZone)) throw validationFailed('path.month', `is in the future: ${month} has not begun`);
  if (!(await getDepartment(args.body.orgId))) throw notFound(`department ${args.body.orgId}`);
  const note = await putAssessmentNote({ month, orgId: args.body.orgId, text: args.body.text, at: args.now.toISOString(), by: args.caller.userId });
  return presentNote(note);
}
