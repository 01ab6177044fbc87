import { call, type Answer } from '../call.ts';
import { errorBox, field, h, loading, notice, show } from '../dom.ts';
import { caseStateLabels, caseTypeLabels, recordKindLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';

/**
 * 受阻案件: objections and repairs whose workflow failed after its retries (`stuck`), found by state (GET
 * /objections?state=stuck, GET /repairs?state=stuck: one key range of the cases' state index), with the
 * workflow's error that only the credit office sees, and 重新启动 (POST /cases/{id}/restart) once the fault is
 * mended: the case goes back to where it stood and a new execution takes it from there. Other states can be
 * listed the same way (overdue, verifying …).
 */
type Case = Answer<'list-objections'>['cases'][number];
const types = ['objection', 'repair'] as const;
type CaseKind = (typeof types)[number];
const states = ['stuck', 'overdue', 'verifying', 'answered', 'closed'] as const;

export async function stuckCasesPage(root: HTMLElement, route: Route, _caller?: unknown, restarted?: string): Promise<void> {
  const type: CaseKind = route.params.get('type') === 'repair' ? 'repair' : 'objection';
  const state = states.find((s) => s === route.params.get('state')) ?? 'stuck';
  const form = h(
    'form',
    {
      class: 'panel inline',
      testid: 'cases-filter',
      onchange: (event: Event) => {
        const f = event.currentTarget as HTMLFormElement;
        go('/console/cases', { type: (f.elements.namedItem('type') as HTMLSelectElement).value, state: (f.elements.namedItem('state') as HTMLSelectElement).value });
      },
      onsubmit: (event: Event) => event.preventDefault(),
    },
    field('类型', h('select', { name: 'type', testid: 'cases-type' }, types.map((t) => h('option', { value: t, selected: t === type }, caseTypeLabels[t] ?? t)))),
    field('状态', h('select', { name: 'state', testid: 'cases-state' }, states.map((s) => h('option', { value: s, selected: s === state }, caseStateLabels[s] ?? s)))),
  );
  const list = h('section', { 'aria-live': 'polite', testid: 'cases-result' });
  show(
    root,
    h('h1', {}, '案件处理流程'),
    h('p', { class: 'hint' }, '异议和信用修复的核查流程重试后仍失败的，案件为“处理受阻”，其暂停措施保持不变；排除故障后重新启动，案件回到原来的环节继续办理。'),
    form,
    restarted ? notice(restarted, 'case-restarted') : null,
    list,
  );
  show(list, loading());
  try {
    const query = { state, limit: 200 };
    const answer = type === 'repair' ? await call('list-repairs', { query }) : await call('list-objections', { query });
    show(
      list,
      answer.cases.length === 0
        ? h('p', { class: 'empty', testid: 'cases-empty' }, `没有${caseStateLabels[state] ?? state}的${caseTypeLabels[type]}。`)
        : h('ul', { class: 'records', testid: 'cases-list' }, answer.cases.map((c) => caseItem(c, root, route))),
    );
  } catch (error) {
    show(list, errorBox((error as Error).message));
  }
}

/** One case: what it is about, who must answer, and (stuck) why its workflow failed and the restart. */
function caseItem(c: Case, root: HTMLElement, route: Route): HTMLElement {
  // The office's projection carries the workflow's error (shared/cases/case-access.ts); the declaration leaves it loose.
  const stuck = 'stuck' in c && c.stuck && typeof c.stuck === 'object' ? (c.stuck as { at?: string; error?: string; cause?: string }) : undefined;
  const message = h('span', { 'aria-live': 'polite' });
  const restart =
    c.state === 'stuck'
      ? h(
          'button',
          {
            type: 'button',
            testid: 'case-restart',
            onclick: async () => {
              try {
                const again = await call('restart-case', { params: { id: c.caseId } });
                await stuckCasesPage(root, route, undefined, `${c.caseId} 已重新启动，现为“${caseStateLabels[again.state] ?? again.state}”。`);
              } catch (error) {
                show(message, errorBox((error as Error).message));
              }
            },
          },
          '重新启动',
        )
      : null;
  return h(
    'li',
    { testid: 'case', 'data-case-id': c.caseId, 'data-state': c.state },
    h('strong', {}, c.caseId),
    ` ${caseTypeLabels[c.caseType] ?? c.caseType} · ${c.subject.name} · ${recordKindLabels[c.record.kind as keyof typeof recordKindLabels] ?? c.record.kind} ${c.record.decisionNumber} · 提供单位 ${c.providerOrgId} `,
    h('span', { class: 'badge', testid: 'case-state' }, caseStateLabels[c.state] ?? c.state),
    c.answerBy ? h('span', { class: 'meta' }, `答复期限 ${c.answerBy}`) : null,
    stuck
      ? h('span', { class: 'meta', testid: 'case-stuck-error' }, `受阻于 ${stuck.at ? new Date(stuck.at).toLocaleString('zh-CN') : '—'}：${stuck.error ?? ''}${stuck.cause ? `（${stuck.cause.slice(0, 200)}）` : ''}`)
      : null,
    restart,
    message,
  );
}
