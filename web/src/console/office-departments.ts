import { call } from '../call.ts';
import { errorBox, field, h, loading, notice, show, valueOf } from '../dom.ts';
import type { Route } from '../router.ts';

/**
 * 部门管理: the departments register (POST /departments, GET /departments). Registering an id already
 * registered renames it (the answer is 200, not 201): the same form does both, and each row offers its own
 * rename. The register is whom the credit office expects usage lists from.
 */
export async function departmentsPage(root: HTMLElement, _route?: Route, saved?: string): Promise<void> {
  show(root, loading());
  const answer = await call('list-departments');
  const message = h('div', { 'aria-live': 'polite', testid: 'department-message' });
  if (saved) show(message, notice(saved, 'department-saved'));
  /** Registers or renames (201 registered, 200 renamed), then shows the register again with what was saved. */
  const save = async (orgId: string, name: string) => {
    try {
      const department = await call('register-department', { body: { orgId, name } });
      await departmentsPage(root, undefined, `${department.renamedAt ? '已更名' : '已登记'}：${department.orgId} ${department.name}`);
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };

  const register = h(
    'form',
    { class: 'panel', testid: 'department-form' },
    h('h2', {}, '登记部门'),
    field('组织标识', h('input', { type: 'text', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9-]*', autocomplete: 'off', testid: 'department-org' }), '部门登录令牌中的 orgId，如 dept-finance'),
    field('部门名称', h('input', { type: 'text', required: true, maxlength: 100, testid: 'department-name' }), '使用情况清单和通报上显示的单位名称'),
    h('button', { type: 'submit', testid: 'department-submit' }, '登记'),
  );
  register.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(valueOf(register, 'department-org'), valueOf(register, 'department-name'));
  });

  show(
    root,
    h('h1', {}, '部门管理'),
    h('p', { class: 'hint' }, '登记的部门须按期报送信用信息使用情况清单；再次登记同一组织标识即为更名。'),
    message,
    register,
    answer.departments.length === 0
      ? h('p', { class: 'empty', testid: 'departments-empty' }, '尚未登记部门。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'departments-table' },
            h('caption', {}, `已登记部门（${answer.departments.length}）`),
            h('thead', {}, h('tr', {}, ['组织标识', '名称', '登记时间', '更名'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              answer.departments.map((d) => {
                const rename = h(
                  'form',
                  { class: 'inline', testid: 'department-rename-form' },
                  h('input', { type: 'text', required: true, maxlength: 100, value: d.name, 'aria-label': `${d.orgId} 的新名称`, testid: 'department-rename-name' }),
                  h('button', { type: 'submit', testid: 'department-rename-submit' }, '更名'),
                );
                rename.addEventListener('submit', (event) => {
                  event.preventDefault();
                  void save(d.orgId, valueOf(rename, 'department-rename-name'));
                });
                return h(
                  'tr',
                  { testid: 'department-row', 'data-org': d.orgId },
                  h('td', {}, d.orgId),
                  h('td', { testid: 'department-row-name' }, d.name),
                  h('td', {}, d.registeredAt ? new Date(d.registeredAt).toLocaleString('zh-CN') : '—'),
                  h('td', {}, rename),
                );
              }),
            ),
          ),
        ),
  );
}
