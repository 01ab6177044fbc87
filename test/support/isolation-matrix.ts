/**
 * The isolation matrix: every HTTP route of the catalog × every role × (own resource, another's),
 * each cell sent as each organisation of the role (one per family; the credit office alone), judged
 * on its status, on the markers its answer must not hold (isolation-world.ts) and on those it must.
 */
import { roles, type Role } from '../../shared/identity/roles.ts';
import type { HttpTrigger } from '../../shared/lambda/declaration.ts';
import { inPool, send, type ApiAnswer, type ApiRequest } from './isolation-http.ts';
import { contextFor, expectedAnswer, httpRoutes, routeCases, type Expected } from './isolation-routes.ts';
import { formatTable } from './isolation-table.ts';
import { callersOf, leakedMarkers, type Org, type World } from './isolation-world.ts';

export type Side = 'own' | 'other';
export const sides: readonly Side[] = ['own', 'other'];

export interface Cell {
  route: string;
  role: Role;
  side: Side;
  caller: Org;
  expected?: Expected;
  request?: ApiRequest;
  answer?: ApiAnswer;
  problems: string[];
}

export const requestText = (r: ApiRequest) => `${r.method} ${r.path} ${r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`;

/** What is wrong with an answer to `request` on `route` as `caller` (public routes answer everyone alike). */
export function judge(w: World, trigger: HttpTrigger, route: string, caller: Org, expected: Expected, request: ApiRequest, answer: ApiAnswer): string[] {
  const problems: string[] = [];
  const ok = expected.status === '2xx' ? answer.status >= 200 && answer.status < 300 : answer.status === expected.status;
  if (!ok) problems.push(`${caller.label}: ${answer.status}, expected ${expected.status}${expected.why ? ` (${expected.why})` : ''}: ${answer.text.slice(0, 300)}`);
  const viewer = 'public' in trigger.access ? ('anyone' as const) : caller;
  for (const leak of leakedMarkers(w.markers, viewer, route, requestText(request), answer.text))
    problems.push(`${caller.label}: LEAK of ${leak.kind} data of family ${leak.family} (${leak.text}) in a ${answer.status} answer`);
  if (answer.status < 300 && expected.status === '2xx')
    for (const marker of request.shows ?? []) if (!answer.text.includes(marker)) problems.push(`${caller.label}: its own ${marker} missing from the answer`);
  return problems;
}

const allowed = (trigger: HttpTrigger, role: Role) => 'public' in trigger.access || trigger.access.roles.includes(role);

/** Every cell of the matrix, with its request (none where not applicable or where the route has no builder). */
export function matrixCells(w: World): Cell[] {
  const cells: Cell[] = [];
  for (const { key, trigger } of httpRoutes()) {
    const routeCase = routeCases[key];
    for (const role of roles)
      // A role the declaration does not allow is refused whoever it is: one caller of it is enough.
      for (const caller of allowed(trigger, role) ? callersOf(role) : callersOf(role).slice(0, 1))
        for (const side of sides) {
          const cell: Cell = { route: key, role, side, caller, problems: [] };
          cells.push(cell);
          if (!routeCase) {
            cell.problems.push('no request builder for this route in test/support/isolation-routes.ts');
            continue;
          }
          cell.expected = expectedAnswer(trigger, routeCase, role, side);
          if (!cell.expected) continue;
          const ctx = contextFor(w, caller);
          cell.request = side === 'own' ? routeCase.own(ctx) : routeCase.other?.(ctx);
        }
  }
  return cells;
}

export async function runCells(w: World, cells: Cell[], concurrency: number): Promise<void> {
  const triggers = new Map(httpRoutes().map((r) => [r.key, r.trigger]));
  await inPool(
    concurrency,
    cells
      .filter((c) => c.request && c.expected)
      .map((cell) => async () => {
        const { caller, request, expected } = cell as Required<Pick<Cell, 'request' | 'expected'>> & Cell;
        cell.answer = await send(w.platform, request, caller);
        cell.problems.push(...judge(w, triggers.get(cell.route)!, cell.route, caller, expected, request, cell.answer));
        const extra = cell.answer.status < 300 ? routeCases[cell.route]?.check?.(cell.answer, contextFor(w, caller), cell.side) : undefined;
        if (extra) cell.problems.push(`${caller.label}: ${extra}`);
      }),
  );
}

/** The matrix as a table: a row per route, a column per role and side; a cell is the status(es) and ✓ or ✗ (· not applicable). */
export function matrixTable(cells: Cell[]): string {
  const routes = [...new Set(cells.map((c) => c.route))];
  const header = ['route', ...roles.flatMap((r) => sides.map((s) => `${r} ${s}`))];
  const rows = routes.map((route) => [
    route,
    ...roles.flatMap((role) =>
      sides.map((side) => {
        const group = cells.filter((c) => c.route === route && c.role === role && c.side === side);
        if (group.some((c) => c.problems.some((p) => p.startsWith('no request builder')))) return '? no builder';
        const sent = group.filter((c) => c.answer);
        if (!sent.length) return '·';
        const statuses = [...new Set(sent.map((c) => c.answer!.status))].join('/');
        return `${statuses} ${group.some((c) => c.problems.length) ? '✗' : '✓'}`;
      }),
    ),
  ]);
  return formatTable(header, rows);
}

/** Why the answers to "other" are what they are, one line per route that says. */
export function otherAnswersLegend(): string {
  return httpRoutes()
    .flatMap(({ key }) => (routeCases[key]?.why ? [`  ${key}: ${routeCases[key]!.why}`] : []))
    .join('\n');
}
