import { call, type Answer } from '../call.ts';
import { errorBox, facts, h, loading, notice, show } from '../dom.ts';
import { recordKindLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';

/**
 * 上报交换: the credit office's view of what goes up to the city and provincial platforms (docs/exchange.md) — per
 * destination what it takes and why, how many deliveries arrived, are pending or failed, the last error; a
 * destination's deliveries by state, and the redrive of its failed ones (the dead-letter queue).
 */
type Destinations = Answer<'list-exchange-destinations'>;
type Destination = Destinations['destinations'][number];
type Deliveries = Answer<'list-exchange-deliveries'>;

const changeLabels: Record<string, string> = {
  created: '新增',
  corrected: '更正',
  objectionRaised: '异议中（惩戒暂停）',
  objectionResolved: '异议办结（维持）',
  revoked: '撤销',
  repaired: '信用修复',
};
const stateLabels: Record<string, string> = { due: '待发送', waiting: '排队（等前一变更送达）', failed: '失败', file: '待写入每日文件', delivered: '已送达' };
const stateClass: Record<string, string> = { due: ' warn', waiting: '', failed: ' bad', file: '', delivered: ' good' };
const filters = [
  ['all', '全部'],
  ['due', '待发送'],
  ['waiting', '排队'],
  ['failed', '失败'],
] as const;
const time = (iso?: string) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

export async function exchangePage(root: HTMLElement, route: Route, saved?: HTMLElement): Promise<void> {
  const selected = route.params.get('destination') ?? '';
  const state = (route.params.get('state') ?? 'all') as (typeof filters)[number][0];
  show(root, h('h1', {}, '上报交换'), loading());
  let answer: Destinations;
  try {
    answer = await call('list-exchange-destinations');
  } catch (error) {
    return show(root, h('h1', {}, '上报交换'), errorBox((error as Error).message));
  }
  const intro = h('p', { class: 'hint' }, `本县记录的每一次新增、更正、异议、撤销和修复，按记录先后顺序推送到下列上级平台；失败的按退避重试，超过 ${answer.retry.deadLetterAfterHours} 小时仍失败的转入失败队列，可重新推送。依据：${answer.source}`);
  if (answer.destinations.length === 0) return show(root, h('h1', {}, '上报交换'), intro, h('p', { class: 'empty', testid: 'exchange-none' }, '本县文件尚未配置上级平台。'));
  const current = answer.destinations.find((d) => d.id === selected) ?? answer.destinations[0]!;
  const list = h('section', { 'aria-live': 'polite', testid: 'exchange-deliveries' }, loading());
  show(root, h('h1', {}, '上报交换'), intro, ...(saved ? [saved] : []), ...answer.destinations.map((d) => destinationPanel(d, d.id === current.id)), list);
  await deliveriesSection(list, current, state, root, route);
}

function destinationPanel(d: Destination, open: boolean): HTMLElement {
  return h(
    'section',
    { class: 'panel', testid: 'exchange-destination', 'data-destination': d.id },
    h('h2', {}, d.name),
    facts([
      ['方式', d.transport === 'https' ? `HTTPS 推送（签名）：${d.url}` : `每日文件：${d.files}`],
      ['推送范围', d.kinds ? d.kinds.map((k) => recordKindLabels[k as keyof typeof recordKindLabels] ?? k).join('、') : '全部记录'],
      ['身份证号码', d.personIdNumbers === 'whole' ? '完整号码（县文件载明依据）' : '遮蔽后推送'],
      ['依据', d.source],
      ['已送达', String(d.delivered), 'exchange-delivered'],
      ['待发送', d.transport === 'https' ? `${d.pending}（到期 ${d.due}，排队 ${d.waiting}）` : `${d.pending}（次日写入文件）`, 'exchange-pending'],
      ['失败', String(d.failed), 'exchange-failed'],
      ['最近送达', time(d.lastDeliveredAt)],
      ...(d.lastError ? ([['最近错误', `${d.lastError}（${time(d.lastErrorAt)}）`, 'exchange-last-error']] as [string, string, string][]) : []),
      ...(d.droppedThrough ? ([['已写入至', `${d.droppedThrough}（${d.lastFile}）`, 'exchange-dropped']] as [string, string, string][]) : []),
    ]),
    open ? h('p', { class: 'hint' }, '明细见下表。') : h('button', { type: 'button', testid: 'exchange-open', onclick: () => go('/console/exchange', { destination: d.id }) }, '查看明细'),
  );
}

async function deliveriesSection(list: HTMLElement, d: Destination, state: string, root: HTMLElement, route: Route) {
  const tabs = h(
    'nav',
    { 'aria-label': '按状态筛选', class: 'inline' },
    filters.map(([value, label]) =>
      h('button', { type: 'button', testid: `exchange-filter-${value}`, 'aria-pressed': String(value === state), onclick: () => go('/console/exchange', { destination: d.id, state: value }) }, label),
    ),
  );
  let page: Deliveries;
  try {
    page = await call('list-exchange-deliveries', { params: { destinationId: d.id }, query: { state: state as 'all' } });
  } catch (error) {
    return show(list, errorBox((error as Error).message));
  }
  const redriveAll =
    state === 'failed' && page.deliveries.length > 0
      ? h('button', { type: 'button', testid: 'exchange-redrive-all', onclick: () => redrive(d.id, undefined, root, route) }, `全部重新推送（${d.failed}）`)
      : undefined;
  show(
    list,
    h('h2', {}, `${d.name}：推送明细`),
    tabs,
    ...(redriveAll ? [redriveAll] : []),
    page.deliveries.length === 0
      ? h('p', { class: 'empty', testid: 'exchange-deliveries-none' }, '没有此状态的推送。')
      : h(
          'table',
          {},
          h('caption', {}, `${d.name}的推送（${filters.find(([v]) => v === state)?.[1] ?? ''}）`),
          h('thead', {}, h('tr', {}, ['决定书文号', '类别', '变更', '状态', '尝试', '时间', '错误', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            page.deliveries.map((x) =>
              h(
                'tr',
                { testid: 'exchange-delivery', 'data-state': x.state, 'data-change': x.change, 'data-delivery-id': x.deliveryId },
                h('td', {}, x.decisionNumber),
                h('td', {}, recordKindLabels[x.kind as keyof typeof recordKindLabels] ?? x.kind),
                h('td', {}, `${changeLabels[x.change] ?? x.change}（第 ${x.version} 版）`),
                h('td', {}, h('span', { class: `badge${stateClass[x.state] ?? ''}` }, stateLabels[x.state] ?? x.state)),
                h('td', {}, String(x.attempts)),
                h('td', {}, x.deliveredAt ? `送达 ${time(x.deliveredAt)}` : x.failedAt ? `失败 ${time(x.failedAt)}` : x.nextAttemptAt ? `下次 ${time(x.nextAttemptAt)}` : `排队 ${time(x.queuedAt)}`),
                h('td', {}, x.lastError ?? ''),
                h('td', {}, x.state === 'failed' ? h('button', { type: 'button', testid: 'exchange-redrive', 'aria-label': `重新推送 ${x.decisionNumber}`, onclick: () => redrive(d.id, [x.deliveryId], root, route) }, '重新推送') : ''),
              ),
            ),
          ),
        ),
  );
}

async function redrive(destinationId: string, deliveryIds: string[] | undefined, root: HTMLElement, route: Route) {
  try {
    const result = await call('redrive-exchange', { params: { destinationId }, body: deliveryIds ? { deliveryIds } : {} });
    await exchangePage(root, route, notice(`已重新排入 ${result.redriven} 条，下一轮推送（每分钟）按顺序发送。`, 'exchange-redriven'));
  } catch (error) {
    await exchangePage(root, route, errorBox((error as Error).message));
  }
}
