import { call, type CallInput } from '../call.ts';
import { errorBox, field, h, loading, notice, show, valueOf } from '../dom.ts';
import { agencyStatusLabels } from '../labels.ts';

/**
 * 信用服务机构: the register of credit service agencies (备案). The credit office registers an agency
 * (POST /agencies: active from now) and suspends, revokes or reactivates one with a reason (PATCH
 * /agencies/{id}); only an active agency may upload reports. The register itself is public (GET /public/agencies).
 */
type AgencyStatus = CallInput<'update-agency'>['body']['status'];

export async function agenciesPage(root: HTMLElement, _route?: unknown, saved?: string): Promise<void> {
  show(root, loading());
  const answer = await call('list-agencies');
  const message = h('div', { 'aria-live': 'polite', testid: 'agency-message' });
  if (saved) show(message, notice(saved, 'agency-saved'));
  const again = (note: string) => agenciesPage(root, undefined, note);

  const register = h(
    'form',
    { class: 'panel', testid: 'agency-form' },
    h('h2', {}, '机构备案登记'),
    field('组织标识', h('input', { type: 'text', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9-]*', autocomplete: 'off', testid: 'agency-id' }), '机构登录令牌中的 orgId，如 agency-xinyuan'),
    field('机构名称', h('input', { type: 'text', required: true, maxlength: 200, testid: 'agency-name' })),
    field('统一社会信用代码', h('input', { type: 'text', required: true, maxlength: 18, autocomplete: 'off', testid: 'agency-uscc' })),
    field('备案编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'agency-filing-number' })),
    field('备案机关', h('input', { type: 'text', required: true, maxlength: 200, testid: 'agency-filing-authority' })),
    h('button', { type: 'submit', testid: 'agency-submit' }, '登记'),
  );
  register.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const agency = await call('register-agency', {
        body: {
          agencyId: valueOf(register, 'agency-id'),
          name: valueOf(register, 'agency-name'),
          uscc: valueOf(register, 'agency-uscc'),
          filingNumber: valueOf(register, 'agency-filing-number'),
          filingAuthority: valueOf(register, 'agency-filing-authority'),
        },
      });
      await again(`已登记：${agency.agencyId} ${agency.name}（${agencyStatusLabels[agency.status] ?? agency.status}）`);
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });

  show(
    root,
    h('h1', {}, '信用服务机构'),
    h('p', { class: 'hint' }, '只有备案且状态为“有效”的机构可以上传信用报告；暂停或撤销须写明理由。'),
    message,
    register,
    answer.agencies.length === 0
      ? h('p', { class: 'empty', testid: 'agencies-empty' }, '尚未登记信用服务机构。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'agencies-table' },
            h('caption', {}, `已备案机构（${answer.agencies.length}）`),
            h('thead', {}, h('tr', {}, ['组织标识', '名称', '统一社会信用代码', '备案编号', '备案机关', '状态', '变更状态'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              answer.agencies.map((a) => {
                const change = h(
                  'form',
                  { class: 'inline', testid: 'agency-status-form' },
                  h(
                    'select',
                    { 'aria-label': `${a.agencyId} 的新状态`, testid: 'agency-status' },
                    Object.entries(agencyStatusLabels).map(([value, label]) => h('option', { value, selected: value === a.status }, label)),
                  ),
                  h('input', { type: 'text', required: true, maxlength: 500, placeholder: '理由', 'aria-label': `${a.agencyId} 状态变更的理由`, testid: 'agency-status-reason' }),
                  h('button', { type: 'submit', testid: 'agency-status-submit' }, '保存'),
                );
                change.addEventListener('submit', async (event) => {
                  event.preventDefault();
                  try {
                    // The select offers only the declared statuses (labels.ts agencyStatusLabels).
                    const status = valueOf(change, 'agency-status') as AgencyStatus;
                    const agency = await call('update-agency', { params: { id: a.agencyId }, body: { status, reason: valueOf(change, 'agency-status-reason') } });
                    await again(`已变更：${agency.agencyId} 现为“${agencyStatusLabels[agency.status] ?? agency.status}”`);
                  } catch (error) {
                    show(message, errorBox((error as Error).message));
                  }
                });
                return h(
                  'tr',
                  { testid: 'agency-row', 'data-agency': a.agencyId, 'data-status': a.status },
                  h('td', {}, a.agencyId),
                  h('td', {}, a.name),
                  h('td', {}, a.uscc),
                  h('td', {}, a.filingNumber),
                  h('td', {}, a.filingAuthority),
                  h('td', {}, h('span', { class: `badge agency-${a.status}`, testid: 'agency-row-status' }, agencyStatusLabels[a.status] ?? a.status)),
                  h('td', {}, change),
                );
              }),
            ),
          ),
        ),
  );
}
