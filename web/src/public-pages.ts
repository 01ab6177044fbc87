import { ApiError } from './api.ts';
import { call, type Answer, type CallInput } from './call.ts';
import { config } from './config.ts';
import { errorBox, facts, field, h, loading, show, valueOf } from './dom.ts';
import { contentRows, publicityEnd, recordKindLabels, statusLabels } from './labels.ts';
import { go, href, type Route } from './router.ts';

/** The public site: search, a record, the red and black lists, notices (通报), report verification. No login. */

type PublicRecord = Answer<'get-public-record'>;
type SearchQuery = CallInput<'search-public-records'>['query'];

const statusBadge = (status: string, testid: string) =>
  h('span', { class: `badge status-${status}`, testid, 'data-status': status }, statusLabels[status] ?? status);

const searchForm = (q = '', kind = '', prefix = 'search') =>
  h(
    'form',
    {
      class: 'search',
      role: 'search',
      testid: `${prefix}-form`,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        const text = valueOf(form, `${prefix}-input`);
        if (text) go('/search', { q: text, kind: prefix === 'search' ? valueOf(form, 'search-kind') : undefined });
      },
    },
    h('input', { type: 'search', name: 'q', value: q, required: true, maxlength: 100, placeholder: '输入主体名称或统一社会信用代码', 'aria-label': '主体名称或代码', testid: `${prefix}-input` }),
    prefix === 'search'
      ? h(
          'select',
          { name: 'kind', 'aria-label': '信息类别', testid: 'search-kind' },
          h('option', { value: '' }, '全部信息'),
          h('option', { value: 'licence', selected: kind === 'licence' }, '行政许可'),
          h('option', { value: 'penalty', selected: kind === 'penalty' }, '行政处罚'),
        )
      : null,
    h('button', { type: 'submit', testid: `${prefix}-submit` }, '查询'),
  );

export function homePage(root: HTMLElement): void {
  show(
    root,
    h('section', { class: 'hero' }, h('h1', {}, config().siteName), h('p', {}, `${config().countyName}公共信用信息平台：双公示、红黑名单、信用通报与信用报告核验`), searchForm('', '', 'home-search')),
    h(
      'nav',
      { class: 'tiles', 'aria-label': '栏目' },
      h('a', { href: href('/search'), testid: 'home-tile-search' }, h('strong', {}, '双公示查询'), h('span', {}, '行政许可、行政处罚信息')),
      h('a', { href: href('/lists/red'), testid: 'home-tile-red-list' }, h('strong', {}, '红名单'), h('span', {}, '守信激励对象')),
      h('a', { href: href('/lists/black'), testid: 'home-tile-black-list' }, h('strong', {}, '黑名单'), h('span', {}, '严重失信主体名单')),
      h('a', { href: href('/notices'), testid: 'home-tile-notices' }, h('strong', {}, '信用通报'), h('span', {}, '逾期公示、逾期答复等通报')),
      h('a', { href: href('/verify'), testid: 'home-tile-verify' }, h('strong', {}, '报告核验'), h('span', {}, '凭验证码核验信用报告')),
    ),
  );
}

export async function searchPage(root: HTMLElement, route: Route): Promise<void> {
  const q = route.params.get('q') ?? '';
  const kind = route.params.get('kind') ?? '';
  const results = h('section', { class: 'results', testid: 'search-results', 'aria-live': 'polite' });
  show(root, h('h1', {}, '信用信息查询'), h('p', { class: 'hint' }, '按统一社会信用代码、身份证号码（自然人）或名称开头查询；只显示公示期内的信息。'), searchForm(q, kind), results);
  if (!q) return;
  show(results, loading());
  try {
    // The select offers only the declared kinds (or none: all of them).
    const answer = await call('search-public-records', { query: { q, kind: (kind || undefined) as SearchQuery['kind'] } });
    if (answer.subjects.length === 0) return show(results, h('p', { class: 'empty', testid: 'search-empty' }, `未查询到“${q}”的公示信息。`));
    show(
      results,
      answer.subjects.map(({ subject, records }) =>
        h(
          'article',
          { class: 'card', testid: 'search-subject', 'data-subject-id': subject.id },
          h('h2', {}, h('span', { testid: 'search-subject-name' }, subject.name), ' ', h('small', { testid: 'search-subject-id' }, subject.id)),
          h('ul', { class: 'records' }, records.map((r) => recordItem(r, 'search-record'))),
        ),
      ),
      answer.truncated ? h('p', { class: 'hint', testid: 'search-truncated' }, '匹配的主体较多，仅显示前若干个，请输入更完整的名称。') : null,
    );
  } catch (error) {
    show(results, errorBox((error as Error).message));
  }
}

const recordItem = (r: PublicRecord, testid: string) =>
  h(
    'li',
    { testid, 'data-record-id': r.recordId, 'data-kind': r.kind },
    h('a', { href: href(`/records/${r.recordId}`) }, h('span', { class: 'kind' }, r.kindLabel), ' ', r.decisionNumber),
    ' ',
    statusBadge(r.status, `${testid}-status`),
    h('span', { class: 'meta' }, `决定日期 ${r.decisionDate} · 公示截止 ${publicityEnd(r.publicity.publicUntil)}`),
  );

export async function recordPage(root: HTMLElement, route: Route): Promise<void> {
  const id = route.segments[1] ?? '';
  show(root, loading());
  try {
    const r = await call('get-public-record', { params: { id } });
    show(
      root,
      h('h1', { testid: 'record-title' }, h('span', { testid: 'record-kind' }, r.kindLabel), ' ', statusBadge(r.status, 'record-status')),
      r.status === 'underObjection' ? h('p', { class: 'warn', testid: 'record-contested' }, '该信息的主体已提出异议，提供部门正在核查。') : null,
      facts([
        ['主体名称', r.subject.name, 'record-subject-name'],
        [r.subject.type === 'uscc' ? '统一社会信用代码' : '身份证号码', r.subject.id, 'record-subject-id'],
        ...(r.subject.legalRepresentative ? ([['法定代表人', r.subject.legalRepresentative, 'record-legal-representative']] as [string, string, string][]) : []),
        ['决定文书号', r.decisionNumber, 'record-decision-number'],
        ['决定日期', r.decisionDate, 'record-decision-date'],
        ['决定机关', r.authority.name, 'record-authority'],
        ['数据来源单位', r.sourceDepartment, 'record-source'],
        ['公示起始日期', r.publicity.publicFrom, 'record-publicity-from'],
        ['公示截止日期', publicityEnd(r.publicity.publicUntil), 'record-publicity-end'],
      ]),
      h('h2', {}, '公示内容'),
      h('div', { testid: 'record-content' }, facts(contentRows(r.content))),
      r.publicity.ruleSource ? h('p', { class: 'hint', testid: 'record-publicity-rule' }, `公示期限依据：${r.publicity.ruleSource}`) : null,
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return show(root, h('h1', {}, '信息不存在'), h('p', { testid: 'record-not-found' }, '该信息不存在、已撤销、已修复或不在公示期内。'), h('a', { href: href('/search') }, '返回查询'));
    show(root, errorBox((error as Error).message));
  }
}

export async function listPage(root: HTMLElement, route: Route): Promise<void> {
  const list = route.segments[1] === 'black' ? 'black' : 'red';
  const title = list === 'red' ? '红名单' : '黑名单（严重失信主体名单）';
  const table = h('tbody', { testid: 'list-rows' });
  const more = h('div', { class: 'more' });
  show(
    root,
    h('h1', { testid: 'list-title', 'data-list': list }, title),
    h('p', { class: 'hint' }, '公示期内、有效的名单信息，按列入期限排序。'),
    h('div', { class: 'table-wrap' }, h('table', { testid: 'list-table' }, h('thead', {}, h('tr', {}, h('th', {}, '主体名称'), h('th', {}, '统一社会信用代码'), h('th', {}, '名单'), h('th', {}, '列入日期'), h('th', {}, '列入期限至'))), table)),
    more,
  );
  const load = async (nextToken?: string) => {
    show(more, loading());
    try {
      const answer = await call('list-public-list', { query: { list, limit: 50, nextToken } });
      for (const r of answer.records) {
        table.append(
          h(
            'tr',
            { testid: 'list-row', 'data-record-id': r.recordId },
            h('td', {}, h('a', { href: href(`/records/${r.recordId}`) }, r.subject.name)),
            h('td', {}, r.subject.id),
            h('td', {}, String(r.content.listLabel ?? r.content.listName ?? '')),
            h('td', {}, r.decisionDate),
            h('td', {}, publicityEnd(r.publicity.publicUntil)),
          ),
        );
      }
      show(more, answer.nextToken ? h('button', { type: 'button', testid: 'list-more', onclick: () => void load(answer.nextToken) }, '加载更多') : null);
      if (table.childElementCount === 0) show(more, h('p', { class: 'empty', testid: 'list-empty' }, '暂无公示中的名单信息。'));
    } catch (error) {
      show(more, errorBox((error as Error).message));
    }
  };
  await load();
}

/** Which notices: the public ones (list-public-notices), or the signed-in caller's own (list-notices). */
export interface NoticesShown {
  notices: 'public' | 'mine';
  testid: string;
  heading: string;
}

/** A list of notices (通报), newest first, with a day range, at the page's own route (#/notices or #/console/notices). */
export async function noticesView(root: HTMLElement, route: Route, { notices, testid, heading }: NoticesShown): Promise<void> {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const list = h('ol', { class: 'notices', testid: `${testid}-list` });
  const more = h('div', { class: 'more' });
  show(
    root,
    h('h1', {}, heading),
    h(
      'form',
      {
        class: 'inline',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const form = event.currentTarget as HTMLFormElement;
          go(route.path, { from: valueOf(form, `${testid}-from`), to: valueOf(form, `${testid}-to`) });
        },
      },
      field('自', h('input', { type: 'date', value: from, testid: `${testid}-from` })),
      field('至', h('input', { type: 'date', value: to, testid: `${testid}-to` })),
      h('button', { type: 'submit', testid: `${testid}-submit` }, '查询'),
    ),
    list,
    more,
  );
  const load = async (nextToken?: string) => {
    show(more, loading());
    try {
      const query = { from, to, nextToken };
      const answer = notices === 'public' ? await call('list-public-notices', { query }) : await call('list-notices', { query });
      for (const n of answer.notices) {
        list.append(h('li', { testid: testid.replace(/s$/, ''), 'data-kind': n.kind }, h('h2', {}, n.title), h('p', { class: 'meta' }, n.date), h('p', {}, n.text)));
      }
      show(
        more,
        answer.nextToken ? h('button', { type: 'button', testid: `${testid}-more`, onclick: () => void load(answer.nextToken) }, '加载更多') : null,
        list.childElementCount === 0 ? h('p', { class: 'empty', testid: `${testid}-empty` }, `${answer.from} 至 ${answer.to} 无通报。`) : null,
      );
    } catch (error) {
      show(more, errorBox((error as Error).message));
    }
  };
  await load();
}

export const publicNoticesPage = (root: HTMLElement, route: Route) => noticesView(root, route, { notices: 'public', testid: 'notices', heading: '信用通报' });

/** Report verification: the code printed on a public credit information report (公共信用信息报告) → what it said. */
export async function verifyPage(root: HTMLElement, route: Route): Promise<void> {
  const code = route.params.get('code') ?? '';
  const result = h('section', { testid: 'verify-result', 'aria-live': 'polite' });
  show(
    root,
    h('h1', {}, '信用报告核验'),
    h('p', { class: 'hint' }, '输入公共信用信息报告上印制的验证码（如 7K3M-Q9XD-2B8F-WT4N），核验报告是否由本平台出具及其内容摘要。'),
    h(
      'form',
      {
        class: 'inline',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = valueOf(event.currentTarget as HTMLFormElement, 'verify-code');
          if (value) go('/verify', { code: value });
        },
      },
      h('input', { type: 'text', value: code, required: true, maxlength: 40, placeholder: '验证码', 'aria-label': '验证码', autocomplete: 'off', testid: 'verify-code' }),
      h('button', { type: 'submit', testid: 'verify-submit' }, '核验'),
    ),
    result,
  );
  if (!code) return;
  show(result, loading());
  try {
    const v = await call('verify-credit-report', { params: { code } });
    const yes = (flag: boolean) => (flag ? '是' : '否');
    show(
      result,
      h('p', { class: 'ok', testid: 'verify-status', 'data-status': 'genuine' }, `核验通过：验证码 ${v.code} 对应的报告由本平台出具。`),
      facts([
        ['报告主体', v.subject.name, 'verify-subject-name'],
        [v.subject.type === 'uscc' ? '统一社会信用代码' : '身份证号码', v.subject.id, 'verify-subject-id'],
        ['出具日期', v.generatedOn, 'verify-generated-on'],
        ['守信激励对象', yes(v.flags.incentiveObject), 'verify-incentive'],
        ['失信惩戒对象', yes(v.flags.punishmentObject), 'verify-punishment'],
        ['页数', String(v.pages), 'verify-pages'],
        ['文件摘要（SHA-256）', v.sha256, 'verify-sha256'],
      ]),
      h('h2', {}, '报告内容'),
      h('ul', { class: 'records' }, v.sections.map((section) => h('li', { testid: 'verify-section', 'data-section-id': section.id }, `${section.heading}：${section.count} 条`))),
      h('p', { class: 'hint' }, '可将手中报告文件的 SHA-256 摘要与上面的摘要比对，一致即未被改动。'),
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return show(result, h('p', { class: 'warn', testid: 'verify-not-found' }, '未找到与该验证码对应的报告，请核对验证码。'));
    if (error instanceof ApiError && error.status === 400) return show(result, h('p', { class: 'warn', testid: 'verify-invalid' }, '验证码格式不正确：应为16位字母数字（如 7K3M-Q9XD-2B8F-WT4N）。'));
    show(result, errorBox((error as Error).message));
  }
}

export { recordKindLabels };
