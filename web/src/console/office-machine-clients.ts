import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { machineScopeLabels, machineScopes, type MachineScope } from '../../../shared/identity/machine-scopes.ts';

/**
 * 系统接入: the register of departments' systems that call the machine API (OAuth 2.0 client credentials,
 * docs/machine-clients.md). The credit office registers a system for a registered department with what it may
 * do (its scopes), rotates its secret and revokes it with the reason. A secret is shown once, on the page that
 * made it: the platform keeps only its hash, so a lost secret is rotated, never shown again.
 */
type MachineClient = Answer<'list-machine-clients'>['clients'][number];
type WithSecret = Answer<'register-machine-client'>;
type RegisterBody = CallInput<'register-machine-client'>['body'];

const stateLabels: Record<MachineClient['state'], string> = { active: '有效', revoked: '已撤销' };
const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN') : '—');

/** The secret, once: a box that says so, with the client id and the token endpoint the system asks for tokens. */
function secretBox(client: WithSecret, rotated: boolean): HTMLElement {
  return h(
    'section',
    { class: 'panel warn', role: 'status', testid: 'machine-secret-box', 'data-client-id': client.clientId },
    h('h2', {}, rotated ? `新密钥：${client.name}` : `已登记：${client.name}`),
    h('p', { testid: 'machine-secret-once' }, h('strong', {}, '密钥只显示这一次。'), '请立即复制并交给该系统的运维人员保存；离开或刷新本页后无法再次查看，遗失只能重新生成。'),
    facts([
      ['客户端编号（client_id）', h('code', {}, client.clientId), 'machine-secret-client-id'],
      ['客户端密钥（client_secret）', h('code', { class: 'secret' }, client.clientSecret), 'machine-secret'],
      ['令牌地址（token endpoint）', h('code', {}, client.tokenEndpoint), 'machine-token-endpoint'],
      ['权限', client.scopes.map((s) => machineScopeLabels[s] ?? s).join('；'), undefined],
    ]),
    h('p', { class: 'hint' }, '复制提示：选中上面的密钥后按 Ctrl+C（Mac 为 ⌘+C）。系统以 OAuth 2.0 客户端凭证方式（grant_type=client_credentials）向令牌地址申请访问令牌。'),
    rotated ? h('p', { class: 'hint' }, '原密钥已立即失效。') : null,
  );
}

export async function machineClientsPage(root: HTMLElement, _route?: unknown, shown?: Child): Promise<void> {
  show(root, loading());
  const [{ departments }, { clients }] = await Promise.all([call('list-departments'), call('list-machine-clients')]);
  const message = h('div', { 'aria-live': 'polite', testid: 'machine-message' });
  if (shown) show(message, shown);
  const again = (note: Child) => machineClientsPage(root, undefined, note);
  const departmentName = (orgId: string) => departments.find((d) => d.orgId === orgId)?.name ?? orgId;

  const register = h(
    'form',
    { class: 'panel', testid: 'machine-form' },
    h('h2', {}, '登记接入系统'),
    departments.length === 0
      ? h('p', { class: 'empty', testid: 'machine-no-departments' }, '尚未登记部门：请先在“部门管理”中登记。')
      : field(
          '所属部门',
          h('select', { required: true, testid: 'machine-department' }, departments.map((d) => h('option', { value: d.orgId }, `${d.name}（${d.orgId}）`))),
          '只能为已登记的部门接入系统',
        ),
    field('系统名称', h('input', { type: 'text', required: true, maxlength: 100, autocomplete: 'off', testid: 'machine-name' }), '使用情况清单和“谁查询了我”中显示的名称，如 公共资源交易系统'),
    h(
      'fieldset',
      { testid: 'machine-scopes' },
      h('legend', {}, '权限（至少一项）'),
      machineScopes.map((scope) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', value: scope, testid: 'machine-scope', 'data-scope': scope }), ` ${machineScopeLabels[scope]}（${scope}）`),
      ),
    ),
    h('button', { type: 'submit', testid: 'machine-submit', disabled: departments.length === 0 }, '登记并生成密钥'),
  );
  register.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scopes = [...register.querySelectorAll<HTMLInputElement>('[data-testid="machine-scope"]:checked')].map((box) => box.value as MachineScope);
    if (scopes.length === 0) return show(message, errorBox('请至少选择一项权限'));
    const body: RegisterBody = { departmentOrgId: valueOf(register, 'machine-department'), name: valueOf(register, 'machine-name'), scopes };
    try {
      const client = await call('register-machine-client', { body });
      await again(secretBox(client, false));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });

  show(
    root,
    h('h1', {}, '系统接入'),
    h('p', { class: 'hint' }, '为部门的业务系统登记接入（OAuth 2.0 客户端凭证），系统即可调用信用核查、批量核查、登记核查结果或报送记录的接口。密钥只在登记和重新生成时显示一次。'),
    message,
    register,
    clients.length === 0
      ? h('p', { class: 'empty', testid: 'machine-clients-empty' }, '尚未登记接入系统。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'machine-clients-table' },
            h('caption', {}, `已登记的接入系统（${clients.length}）`),
            h('thead', {}, h('tr', {}, ['系统', '所属部门', '客户端编号', '权限', '状态', '密钥生成时间', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              clients.map((c) => clientRow(c, departmentName(c.departmentOrgId), message, again)),
            ),
          ),
        ),
  );
}

function clientRow(c: MachineClient, departmentName: string, message: HTMLElement, again: (note: Child) => Promise<void>): HTMLElement {
  const actions = h('div', { testid: 'machine-actions' });
  const offerActions = () =>
    show(
      actions,
      h('button', { type: 'button', testid: 'machine-rotate', onclick: () => void rotate() }, '重新生成密钥'),
      ' ',
      h('button', { type: 'button', testid: 'machine-revoke', onclick: askReason }, '撤销'),
    );
  const rotate = async () => {
    try {
      const rotated = await call('rotate-machine-client-secret', { params: { id: c.clientId } });
      await again(secretBox(rotated, true));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };
  /** Revoking asks again on the page, with the reason the register keeps. */
  function askReason(): void {
    const reason = h('input', { type: 'text', required: true, maxlength: 500, placeholder: '撤销理由', 'aria-label': `撤销 ${c.name} 的理由`, testid: 'machine-revoke-reason' });
    const form = h(
      'form',
      { class: 'inline', testid: 'machine-revoke-form' },
      h('p', { class: 'warn', testid: 'machine-revoke-question' }, `确定撤销“${c.name}”？撤销后该系统不能再申请令牌，已发放的令牌在半分钟内失效，且不能恢复。`),
      reason,
      h('button', { type: 'submit', testid: 'machine-revoke-confirm' }, '确认撤销'),
      h('button', { type: 'button', testid: 'machine-revoke-cancel', onclick: offerActions }, '取消'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const revoked = await call('revoke-machine-client', { params: { id: c.clientId }, body: { reason: valueOf(form, 'machine-revoke-reason') } });
        await again(notice(`已撤销：${revoked.name}（${revoked.clientId}）`, 'machine-revoked'));
      } catch (error) {
        show(message, errorBox((error as Error).message));
      }
    });
    show(actions, form);
    reason.focus();
  }
  if (c.state === 'active') offerActions();
  else show(actions, c.revokedReason ? h('span', { class: 'meta', testid: 'machine-revoked-reason' }, `撤销理由：${c.revokedReason}（${when(c.revokedAt)}）`) : '—');

  return h(
    'tr',
    { testid: 'machine-client-row', 'data-client-id': c.clientId, 'data-state': c.state, 'data-org': c.departmentOrgId },
    h('td', { testid: 'machine-client-name' }, c.name),
    h('td', {}, departmentName),
    h('td', {}, h('code', {}, c.clientId)),
    h('td', {}, c.scopes.map((s) => machineScopeLabels[s] ?? s).join('；')),
    h('td', {}, h('span', { class: `badge${c.state === 'active' ? ' status-active' : ' status-revoked'}`, testid: 'machine-client-state' }, stateLabels[c.state])),
    h('td', {}, when(c.secretIssuedAt), c.rotations ? h('span', { class: 'meta' }, `（已重新生成 ${c.rotations} 次）`) : null),
    h('td', {}, actions),
  );
}
