import { ApiError } from '../api.ts';
import { errorBox, h, show } from '../dom.ts';
import { roleLabels } from '../labels.ts';
import { go, href, type Route } from '../router.ts';
import { currentCaller, signOut } from '../session.ts';
import { agencyConsole } from './agency.ts';
import { noticesSection, type Console } from './common.ts';
import { creditOfficeConsole } from './credit-office.ts';
import { departmentConsole } from './department.ts';
import { institutionConsole } from './institution.ts';
import { subjectConsole } from './subject.ts';

/** The console: each role's own (console/<role>.ts), under one head with the caller and the role's sections. */
const consoles: Record<string, Console> = {
  department: departmentConsole,
  agency: agencyConsole,
  subject: subjectConsole,
  creditOffice: creditOfficeConsole,
  institution: institutionConsole,
};

export async function consolePage(root: HTMLElement, route: Route): Promise<void> {
  const caller = currentCaller();
  if (!caller) return go('/login');
  const mine: Console = consoles[caller.role] ?? [noticesSection];
  const path = route.segments[1] ?? mine[0].path;
  const section = mine.find((s) => s.path === path);
  if (!section) return go(`/console/${mine[0].path}`);
  const body = h('div', { class: 'console-body' });
  show(
    root,
    h(
      'div',
      { class: 'console-head' },
      h('p', { testid: 'console-caller', 'data-role': caller.role, 'data-org': caller.orgId }, `${roleLabels[caller.role] ?? caller.role}：${caller.orgId}`),
      h('nav', { class: 'console-nav', 'aria-label': '控制台' }, mine.map((s) => h('a', { href: href(`/console/${s.path}`), testid: `console-nav-${s.path}`, class: s === section ? 'current' : undefined, 'aria-current': s === section ? 'page' : undefined }, s.label))),
    ),
    body,
  );
  try {
    await section.page(body, route, caller);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      return go('/login');
    }
    show(body, errorBox((error as Error).message));
  }
}
