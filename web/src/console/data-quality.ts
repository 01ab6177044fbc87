import { call, type Answer } from '../call.ts';
import { errorBox, field, h, loading, show, valueOf } from '../dom.ts';
import { go, href, type Route } from '../router.ts';

/**
 * 问题数据: the data-quality desk (GET /data-quality). A department sees its own month: imports with refused
 * rows (each linking to the import, whose result file names them by column), late publications, provisional
 * deadlines, each with what to mend. The credit office sees every department's counts, and one department's
 * items by choosing it.
 */
type Desk = Answer<'get-data-quality'>;
type DepartmentDesk = Desk['departments'][number];

export async function dataQualityPage(root: HTMLElement, route: Route, office: boolean): Promise<void> {
  // Without a month the platform answers its own current month (its clock, not the browser's).
  const month = route.params.get('month') ?? undefined;
  const department = route.params.get('department') ?? undefined;
  const path = '/console/quality';
  show(root, loading());
  let desk: Desk;
  try {
    desk = await call('get-data-quality', { query: { ...(month ? { month } : {}), ...(department ? { department } : {}) } });
  } catch (error) {
    return show(root, h('h1', {}, '问题数据'), errorBox((error as Error).message));
  }
  const form = h(
    'form',
    {
      class: 'panel inline',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go(path, { month: valueOf(event.currentTarget as HTMLFormElement, 'quality-month'), department });
      },
    },
    field('月份', h('input', { type: 'month', value: desk.month, required: true, testid: 'quality-month' })),
    h('button', { type: 'submit', testid: 'quality-submit' }, '查看'),
  );
  const overview = office && !department;
  show(
    root,
    h('h1', {}, overview ? `各部门问题数据：${desk.month}` : `问题数据处理：${desk.month}`),
    h('p', { class: 'hint' }, `${desk.firstDay} 至 ${desk.lastDay}：导入未通过的行、逾期公示的记录、期限为暂定的记录，以及如何处理。`),
    form,
    overview ? overviewTable(desk, path) : desk.departments.map((d) => departmentView(d, office)),
  );
}

function overviewTable(desk: Desk, path: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'quality-table' },
      h('caption', {}, '问题最多的部门在前'),
      h('thead', {}, h('tr', {}, ['部门', '导入未通过行数', '有未通过行的导入', '逾期公示', '期限暂定'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        desk.departments.map((d) =>
          h(
            'tr',
            { testid: 'quality-row', 'data-org': d.orgId },
            h('td', {}, h('a', { href: href(path, { month: desk.month, department: d.orgId }) }, d.name)),
            h('td', { testid: 'quality-refused-rows' }, String(d.counts.refusedRows)),
            h('td', {}, String(d.counts.importsWithRefusals)),
            h('td', { testid: 'quality-late' }, String(d.counts.latePublications)),
            h('td', {}, String(d.counts.provisional)),
          ),
        ),
      ),
    ),
  );
}

type Item = Record<string, unknown> & { mend: string };

function departmentView(d: DepartmentDesk, office: boolean): HTMLElement {
  const section = (title: string, testid: string, items: Item[], columns: [string, (item: Item) => Node | string][]) =>
    h(
      'section',
      { testid },
      h('h2', {}, `${title}（${items.length}）`),
      items.length === 0
        ? h('p', { class: 'hint' }, '无')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              {},
              h('thead', {}, h('tr', {}, [...columns.map(([label]) => label), '处理'].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, items.map((item) => h('tr', { testid: `${testid}-item` }, [...columns.map(([, cell]) => h('td', {}, cell(item))), h('td', {}, item.mend)]))),
            ),
          ),
    );
  const text = (key: string) => (item: Item) => String(item[key] ?? '—');
  return h(
    'div',
    { testid: 'quality-department', 'data-org': d.orgId },
    office ? h('h2', {}, d.name) : null,
    section('导入未通过的行', 'quality-imports', d.imports as Item[], [
      ['文件', (item) => (office ? String(item.fileName) : h('a', { href: href('/console/import', { id: String(item.importId) }) }, String(item.fileName)))],
      ['导入时间', (item) => String(item.createdAt).slice(0, 16).replace('T', ' ')],
      ['读入行数', text('rowsRead')],
      ['未通过', text('refused')],
    ]),
    section('逾期公示', 'quality-late', d.latePublications as Item[], [
      ['决定书文号', text('decisionNumber')],
      ['决定日期', text('decisionDate')],
      ['报送日期', text('receivedOn')],
      ['期限', text('deadline')],
      ['逾期工作日', text('lateByWorkingDays')],
    ]),
    section('期限暂定', 'quality-provisional', d.provisional as Item[], [
      ['决定书文号', text('decisionNumber')],
      ['公示期限', text('deadline')],
      ['公示截止', text('publicUntil')],
    ]),
  );
}
