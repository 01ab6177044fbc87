import { call, type Answer } from '../call.ts';
import { errorBox, h, loading, show } from '../dom.ts';
import { go, type Route } from '../router.ts';
import { downloadButton, filingStateClass, filingStateLabels } from './department-filings.ts';

/**
 * 报送情况: the credit office's view of narrative filings — per kind and period of a year, each registered
 * department filed on time, late, or not at all (worst first), with the documents to download.
 */
type Status = Answer<'get-filing-status'>;

export async function filingStatusPage(root: HTMLElement, route: Route): Promise<void> {
  const year = Number(route.params.get('year')) || undefined;
  const yearInput = h('input', { type: 'number', id: 'filing-year', min: 2000, max: 2099, value: year ? String(year) : '', testid: 'filing-year' });
  const filter = h(
    'form',
    { class: 'panel inline', role: 'search', 'aria-label': '按年度查看', testid: 'filing-status-filter' },
    h('div', { class: 'field' }, h('label', { for: 'filing-year', class: 'label' }, '年度'), yearInput),
    h('button', { type: 'submit', testid: 'filing-status-submit' }, '查看'),
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/console/filings', { year: yearInput.value });
  });
  const result = h('section', { 'aria-live': 'polite', testid: 'filing-status' }, loading());
  show(root, h('h1', {}, '报送情况'), h('p', { class: 'hint' }, '各部门按本县通知报送的工作总结与制度、政策和措施：按期次列出按时、逾期和未报送的部门，可下载所报材料。'), filter, result);
  let status: Status;
  try {
    status = await call('get-filing-status', { query: year ? { year } : {} });
  } catch (error) {
    return show(result, errorBox((error as Error).message));
  }
  yearInput.value = String(status.year);
  if (status.kinds.length === 0) return show(result, h('p', { class: 'empty', testid: 'filing-status-none' }, '本县通知未要求各部门按期报送书面材料。'));
  show(result, status.periods.map(periodSection));
}

function periodSection(p: Status['periods'][number]): HTMLElement {
  const { counts } = p;
  return h(
    'section',
    { class: 'panel', testid: 'filing-period', 'data-period': p.period, 'data-kind': p.kind },
    h('h2', {}, `${p.periodName}（截止 ${p.dueDay}）`),
    h('p', { testid: 'filing-period-counts' }, `按时 ${counts.onTime} · 逾期 ${counts.late} · 未报送 ${counts.missing} · 未到期 ${counts.notYetDue}`),
    p.departments.length === 0
      ? h('p', { class: 'empty' }, '尚无登记的部门。')
      : h(
          'table',
          {},
          h('caption', {}, `${p.periodName}各部门报送情况`),
          h('thead', {}, h('tr', {}, ['部门', '状态', '报送日期', '标题', '材料'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            p.departments.map((d) =>
              h(
                'tr',
                { testid: 'filing-department', 'data-org-id': d.orgId, 'data-state': d.state },
                h('td', {}, d.name),
                h('td', {}, h('span', { class: `badge${filingStateClass[d.state]}` }, filingStateLabels[d.state])),
                h('td', {}, d.filedOn ?? '—'),
                h('td', {}, d.title ? `${d.title}${d.revision && d.revision > 1 ? `（第 ${d.revision} 版）` : ''}` : '—'),
                h('td', {}, d.revision ? downloadButton({ kind: p.kind, period: p.period, department: d.orgId }) : '—'),
              ),
            ),
          ),
        ),
  );
}
