import { call } from '../call.ts';
import { errorBox, field, h, loading, show, valueOf } from '../dom.ts';
import { noticeKindLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';

/**
 * 全部通报和通知: every notice the platform published (GET /notices as the credit office: every addressee,
 * day by day, newest first, at most a quarter at a time), filterable by kind and by addressee (`creditOffice`
 * for the office's own). Public ones are marked: they are also on the public site's 信用通报.
 */
export async function allNoticesPage(root: HTMLElement, route: Route): Promise<void> {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const kind = route.params.get('kind') ?? '';
  const addressee = route.params.get('addressee') ?? '';
  const list = h('ol', { class: 'notices', testid: 'all-notices-list' });
  const more = h('div', { class: 'more', 'aria-live': 'polite' });
  const summary = h('p', { class: 'hint', testid: 'all-notices-summary' });
  const form = h(
    'form',
    {
      class: 'panel inline',
      testid: 'all-notices-filter',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const f = event.currentTarget as HTMLFormElement;
        go('/console/notices', {
          from: valueOf(f, 'all-notices-from'),
          to: valueOf(f, 'all-notices-to'),
          kind: valueOf(f, 'all-notices-kind'),
          addressee: valueOf(f, 'all-notices-addressee'),
        });
      },
    },
    field('类别', h('select', { testid: 'all-notices-kind' }, h('option', { value: '' }, '全部类别'), Object.entries(noticeKindLabels).map(([value, label]) => h('option', { value, selected: value === kind }, label)))),
    field('接收方', h('input', { type: 'text', maxlength: 64, value: addressee, placeholder: '全部', autocomplete: 'off', testid: 'all-notices-addressee' }), '部门、机构的组织标识，或 creditOffice'),
    field('自', h('input', { type: 'date', value: from, testid: 'all-notices-from' })),
    field('至', h('input', { type: 'date', value: to, testid: 'all-notices-to' })),
    h('button', { type: 'submit', testid: 'all-notices-submit' }, '查询'),
  );
  show(root, h('h1', {}, '全部通报和通知'), h('p', { class: 'hint' }, '平台发出的全部通报和通知，按日期倒序；不选日期时为截至今天的30天，一次最多一个季度。'), form, summary, list, more);

  const load = async (nextToken?: string) => {
    show(more, loading());
    try {
      const answer = await call('list-notices', { query: { from, to, nextToken, ...(kind ? { kind } : {}), ...(addressee ? { addressee } : {}) } });
      show(summary, `${answer.from} 至 ${answer.to}${kind ? ` · ${noticeKindLabels[kind] ?? kind}` : ''}${addressee ? ` · 接收方 ${addressee}` : ''}`);
      for (const n of answer.notices) {
        list.append(
          h(
            'li',
            { testid: 'all-notice', 'data-kind': n.kind, 'data-addressee': n.addressee, 'data-public': String(n.public) },
            h('h2', {}, n.title),
            h(
              'p',
              { class: 'meta' },
              `${n.date} · `,
              h('span', { class: 'badge', testid: 'all-notice-kind' }, noticeKindLabels[n.kind] ?? n.kind),
              ` · 接收方 ${n.addressee === 'creditOffice' ? '信用办' : n.addressee}`,
              n.public ? h('span', { class: 'badge', testid: 'all-notice-public' }, '已公开') : null,
            ),
            h('p', {}, n.text),
          ),
        );
      }
      show(
        more,
        answer.nextToken ? h('button', { type: 'button', testid: 'all-notices-more', onclick: () => void load(answer.nextToken) }, '加载更多') : null,
        list.childElementCount === 0 ? h('p', { class: 'empty', testid: 'all-notices-empty' }, '所选期间没有通报或通知。') : null,
      );
    } catch (error) {
      show(more, errorBox((error as Error).message));
    }
  };
  await load();
}
