import { call, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { href, type Route } from '../router.ts';
import { matterListStateLabels, versionView } from './department-matter-list.ts';

/**
 * 事项清单审核: every department's matter list (none, awaiting review, approved, returned; the version in force
 * and the one pending); one department's versions with their items and comments; the version awaiting review
 * approved (it comes into force) or returned with a comment (docs/matter-lists.md).
 */
type States = Answer<'list-matter-lists'>['lists'];

export async function officeMatterListsPage(root: HTMLElement, route: Route, _caller?: unknown, saved?: Child): Promise<void> {
  const department = route.params.get('department');
  show(root, loading());
  if (department) return departmentView(root, route, department, saved);
  const { lists } = await call('list-matter-lists', { query: {} });
  show(
    root,
    h('h1', {}, '事项清单审核'),
    h('p', { class: 'hint' }, '各部门报送的使用信用记录和信用报告事项清单。待审核的版本请逐项核对后通过或退回（退回须写明意见）。'),
    saved ? h('div', { 'aria-live': 'polite' }, saved) : null,
    statesTable(lists),
  );
}

function statesTable(lists: States): HTMLElement {
  if (lists.length === 0) return h('p', { class: 'empty', testid: 'matter-lists-empty' }, '尚无登记的部门。');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'matter-lists-table' },
      h('caption', {}, '各部门事项清单'),
      h('thead', {}, h('tr', {}, ['部门', '状态', '现行版本', '首次通过日期', '待审核版本', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        lists.map((l) =>
          h(
            'tr',
            { testid: 'matter-lists-row', 'data-org-id': l.orgId, 'data-state': l.state },
            h('th', { scope: 'row' }, l.name ? `${l.name}（${l.orgId}）` : l.orgId),
            h('td', { testid: 'matter-lists-state' }, matterListStateLabels[l.state]),
            h('td', {}, l.inForceVersion ? `第 ${l.inForceVersion} 版` : '—'),
            h('td', {}, l.firstApprovedOn ?? '—'),
            h('td', {}, l.pendingVersion ? `第 ${l.pendingVersion} 版` : '—'),
            h('td', {}, l.state === 'none' ? '' : h('a', { href: href('/console/matter-lists', { department: l.orgId }), testid: 'matter-lists-open' }, l.pendingVersion ? '审核' : '查看')),
          ),
        ),
      ),
    ),
  );
}

async function departmentView(root: HTMLElement, route: Route, orgId: string, saved?: Child): Promise<void> {
  const [list, county] = await Promise.all([call('get-matter-list', { params: { department: orgId } }), call('get-county-profile')]);
  const again = (note: Child) => officeMatterListsPage(root, route, undefined, note);
  const pending = list.versions.find((v) => v.state === 'submitted');
  show(
    root,
    h('p', {}, h('a', { href: href('/console/matter-lists'), testid: 'matter-lists-back' }, '← 返回各部门清单')),
    h('h1', {}, `事项清单：${list.name ?? orgId}`),
    saved ? h('div', { 'aria-live': 'polite' }, saved) : null,
    facts([
      ['状态', matterListStateLabels[list.state], 'matter-list-state'],
      ['现行版本', list.inForceVersion ? `第 ${list.inForceVersion} 版` : '无', 'matter-list-in-force'],
      ['待审核版本', list.pendingVersion ? `第 ${list.pendingVersion} 版` : '无', 'matter-list-pending'],
    ]),
    pending ? reviewForm(orgId, pending.version, again) : null,
    h('h2', {}, '历次版本'),
    list.versions.length === 0
      ? h('p', { class: 'empty' }, '该部门尚未报送事项清单。')
      : h('ol', { class: 'notices', testid: 'matter-list-versions' }, list.versions.map((v, i) => versionView(v, county.matterTypes, again, i === 0))),
  );
}

function reviewForm(orgId: string, version: number, again: (note: Child) => Promise<void>): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const name = `review-${orgId}-${version}`;
  const radio = (value: 'approve' | 'return', label: string) =>
    h('label', { class: 'check' }, h('input', { type: 'radio', name, value, checked: value === 'approve', testid: `review-${value}` }), ` ${label}`);
  const comment = h('textarea', { rows: 3, maxlength: 2000, testid: 'review-comment' });
  const form = h(
    'form',
    { class: 'panel', testid: 'review-form', 'data-version': String(version) },
    h('h2', {}, `审核第 ${version} 版`),
    h('fieldset', {}, h('legend', {}, '审核结论'), radio('approve', '通过（成为现行清单）'), radio('return', '退回修改')),
    field('审核意见', comment, '退回时必填'),
    h('button', { type: 'submit', testid: 'review-submit' }, '提交审核'),
    message,
  );
  const chosen = () => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value as 'approve' | 'return';
  form.addEventListener('change', () => (comment.required = chosen() === 'return'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = valueOf(form, 'review-comment');
    try {
      const reviewed = await call('review-matter-list', {
        params: { department: orgId, version },
        body: chosen() === 'return' ? { decision: 'return', comment: text } : { decision: 'approve', ...(text ? { comment: text } : {}) },
      });
      await again(notice(reviewed.state === 'approved' ? `第 ${version} 版已审核通过，成为现行清单。` : `第 ${version} 版已退回。`, 'review-saved'));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  return form;
}
