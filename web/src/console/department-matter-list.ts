import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import type { Route } from '../router.ts';
import type { Caller } from '../session.ts';

/**
 * 事项清单: the department's list of matters in which it uses credit records and reports (docs/matter-lists.md).
 * The clerk edits the items in a table (starting from the latest version), submits the whole version to the
 * credit office, and sees each version's review and comments, adding its own. One version awaits review at a time.
 */
type DepartmentList = Answer<'get-matter-list'>;
type Version = DepartmentList['versions'][number];
type Item = CallInput<'submit-matter-list'>['body']['items'][number];
type MatterTypes = Answer<'get-county-profile'>['matterTypes'];

export const matterListStateLabels: Record<DepartmentList['state'], string> = { none: '未报送', submitted: '待审核', approved: '已通过', returned: '已退回' };
const stateBadge = (state: DepartmentList['state']) =>
  h('span', { class: `badge${state === 'approved' ? ' status-active' : state === 'returned' ? ' status-revoked' : ''}`, testid: 'matter-list-state-badge', 'data-state': state }, matterListStateLabels[state]);
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN');
const roleLabels = { department: '本部门', creditOffice: '信用办' } as const;

export async function departmentMatterListPage(root: HTMLElement, _route: Route, caller: Caller, saved?: Child): Promise<void> {
  show(root, loading());
  const [list, county] = await Promise.all([call('get-matter-list', { params: { department: caller.orgId } }), call('get-county-profile')]);
  const again = (note: Child) => departmentMatterListPage(root, _route, caller, note);
  const latest = list.versions[0];
  show(
    root,
    h('h1', {}, '事项清单'),
    h('p', { class: 'hint' }, '本部门在行政管理中使用信用记录和信用报告的事项清单，报县信用办审核备案。审核通过的最新版本为现行清单，信用核查时选择其中的事项。'),
    saved ? h('div', { 'aria-live': 'polite' }, saved) : null,
    facts([
      ['状态', stateBadge(list.state), 'matter-list-state'],
      ['现行版本', list.inForceVersion ? `第 ${list.inForceVersion} 版` : '无', 'matter-list-in-force'],
      ['待审核版本', list.pendingVersion ? `第 ${list.pendingVersion} 版` : '无', 'matter-list-pending'],
    ]),
    list.pendingVersion
      ? h('p', { class: 'warn', testid: 'matter-list-wait' }, `第 ${list.pendingVersion} 版正在审核，审核后才能报送新版本。`)
      : editor(latest?.items ?? [], county.matterTypes, list.catalogMeasures, again),
    h('h2', {}, '历次版本'),
    list.versions.length === 0
      ? h('p', { class: 'empty', testid: 'matter-list-no-versions' }, '尚未报送事项清单。')
      : h('ol', { class: 'notices', testid: 'matter-list-versions' }, list.versions.map((v, i) => versionView(v, county.matterTypes, again, i === 0))),
  );
}

/** The editable table of items and the submit form. */
function editor(start: readonly Item[], matterTypes: MatterTypes, measures: DepartmentList['catalogMeasures'], again: (note: Child) => Promise<void>): HTMLElement {
  const body = h('tbody', { testid: 'matter-list-rows' });
  let serial = 0;
  const addRow = (item?: Item) => {
    serial += 1;
    const n = serial;
    const cell = (control: HTMLElement) => h('td', {}, control);
    const row = h(
      'tr',
      { testid: 'matter-list-row' },
      cell(h('input', { type: 'text', required: true, maxlength: 64, value: item?.itemId ?? '', 'aria-label': `第 ${n} 行 事项编码`, testid: 'item-id', autocomplete: 'off' })),
      cell(
        h(
          'select',
          { 'aria-label': `第 ${n} 行 事项类型`, testid: 'item-matter-type' },
          matterTypes.map((m) => h('option', { value: m.id, selected: m.id === item?.matterType }, m.name)),
        ),
      ),
      cell(h('input', { type: 'text', required: true, maxlength: 200, value: item?.name ?? '', 'aria-label': `第 ${n} 行 事项名称`, testid: 'item-name' })),
      cell(h('textarea', { rows: 2, required: true, maxlength: 2000, 'aria-label': `第 ${n} 行 设定依据`, testid: 'item-legal-basis' }, item?.legalBasis ?? '')),
      cell(h('input', { type: 'checkbox', checked: item?.checkRequired ?? true, 'aria-label': `第 ${n} 行 须核查信用记录`, testid: 'item-check-required' })),
      cell(h('input', { type: 'checkbox', checked: item?.reportRequired ?? false, 'aria-label': `第 ${n} 行 须查验第三方信用报告`, testid: 'item-report-required' })),
      cell(
        h(
          'select',
          { multiple: true, size: Math.min(3, Math.max(measures.length, 1)), 'aria-label': `第 ${n} 行 适用措施（可多选，不选为按本县规则全部适用）`, testid: 'item-measures' },
          measures.map((m) => h('option', { value: m.id, selected: (item?.measures ?? []).includes(m.id) }, `${m.kind === 'incentive' ? '激励' : '惩戒'}：${m.name}`)),
        ),
      ),
      cell(h('button', { type: 'button', class: 'secondary', testid: 'item-remove', 'aria-label': `删除第 ${n} 行` }, '删除')),
    );
    row.querySelector('[data-testid="item-remove"]')!.addEventListener('click', () => row.remove());
    body.append(row);
  };
  for (const item of start) addRow(item);
  if (start.length === 0) addRow();
  const add = h('button', { type: 'button', class: 'secondary', testid: 'matter-list-add' }, '添加事项');
  add.addEventListener('click', () => addRow());
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel', testid: 'matter-list-form', 'aria-label': '编辑事项清单' },
    h('h2', {}, '编辑并报送'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'matter-list-table' },
        h('caption', {}, '事项（报送时提交整个清单）'),
        h('thead', {}, h('tr', {}, ['事项编码', '事项类型', '事项名称', '设定依据', '信用记录核查', '第三方信用报告', '适用措施', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
        body,
      ),
    ),
    add,
    field('报送说明（可选）', h('textarea', { rows: 2, maxlength: 2000, testid: 'matter-list-submit-comment' })),
    h('button', { type: 'submit', testid: 'matter-list-submit' }, '报送信用办审核'),
    message,
  );
  // One Idempotency-Key per filled-in form: a double click submits one version.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items: Item[] = [...body.querySelectorAll('tr')].map((row) => ({
      itemId: valueOf(row, 'item-id'),
      matterType: valueOf(row, 'item-matter-type'),
      name: valueOf(row, 'item-name'),
      legalBasis: valueOf(row, 'item-legal-basis'),
      checkRequired: row.querySelector<HTMLInputElement>('[data-testid="item-check-required"]')!.checked,
      reportRequired: row.querySelector<HTMLInputElement>('[data-testid="item-report-required"]')!.checked,
      measures: [...row.querySelector<HTMLSelectElement>('[data-testid="item-measures"]')!.selectedOptions].map((o) => o.value),
    }));
    const comment = valueOf(form, 'matter-list-submit-comment');
    try {
      const version = await call('submit-matter-list', { body: { items, ...(comment ? { comment } : {}) } }, { headers: { 'idempotency-key': idempotencyKey } });
      await again(notice(`第 ${version.version} 版已报送，等待信用办审核。`, 'matter-list-submitted'));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  return form;
}

/** One version: its state, its items, its comments and (where the reader may) a comment form. */
export function versionView(v: Version, matterTypes: MatterTypes, again: (note: Child) => Promise<void>, open: boolean): HTMLElement {
  const typeName = (id: string) => matterTypes.find((m) => m.id === id)?.name ?? id;
  return h(
    'li',
    { testid: 'matter-list-version', 'data-version': String(v.version), 'data-state': v.state },
    h('h3', {}, `第 ${v.version} 版 `, stateBadge(v.state)),
    h('p', { class: 'meta' }, `报送于 ${when(v.submittedAt)}`, v.reviewedAt ? ` · 审核于 ${when(v.reviewedAt)}` : ''),
    h(
      'details',
      { open: open || undefined },
      h('summary', {}, `事项（${v.items.length}）`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { testid: 'matter-list-version-items' },
          h('thead', {}, h('tr', {}, ['事项编码', '事项类型', '事项名称', '设定依据', '信用记录核查', '第三方信用报告', '适用措施'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            v.items.map((i) =>
              h(
                'tr',
                { testid: 'matter-list-version-item', 'data-item-id': i.itemId },
                h('td', {}, i.itemId),
                h('td', {}, typeName(i.matterType)),
                h('td', {}, i.name),
                h('td', {}, i.legalBasis),
                h('td', {}, i.checkRequired ? '是' : '否'),
                h('td', {}, i.reportRequired ? '是' : '否'),
                h('td', {}, i.measures.length ? i.measures.join('、') : '按本县规则'),
              ),
            ),
          ),
        ),
      ),
    ),
    h('h4', {}, '审核意见与沟通'),
    v.comments.length === 0
      ? h('p', { class: 'empty' }, '暂无意见。')
      : h(
          'ul',
          { class: 'records', testid: 'matter-list-comments' },
          v.comments.map((c) =>
            h(
              'li',
              { testid: 'matter-list-comment', 'data-role': c.role, 'data-kind': c.kind },
              h('strong', {}, roleLabels[c.role]),
              c.decision ? h('span', { class: 'badge' }, c.decision === 'approve' ? '审核通过' : '退回') : null,
              ` ${c.text} `,
              h('span', { class: 'meta' }, `${c.author} · ${when(c.at)}`),
            ),
          ),
        ),
    commentForm(v, again),
  );
}

function commentForm(v: Version, again: (note: Child) => Promise<void>): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel inline', testid: 'matter-list-comment-form', 'aria-label': `对第 ${v.version} 版提出意见` },
    field('意见', h('input', { type: 'text', required: true, maxlength: 2000, testid: 'matter-list-comment-text' })),
    h('button', { type: 'submit', testid: 'matter-list-comment-submit' }, '发送意见'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await call('comment-matter-list', { params: { department: v.orgId, version: v.version }, body: { text: valueOf(form, 'matter-list-comment-text') } });
      await again(notice(`已对第 ${v.version} 版提出意见。`, 'matter-list-commented'));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  return form;
}
