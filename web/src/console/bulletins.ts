import { call, callFile, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { go, href, type Route } from '../router.ts';
import type { Caller } from '../session.ts';
import type { BulletinContent } from '../../../shared/bulletins/bulletin-content.ts';
import { accountabilityKindLabels, bulletinCharts, percentText, usageListLabels } from '../../../shared/bulletins/bulletin-charts.ts';

/**
 * The assessment (考核) and the monthly bulletin (月通报), issue 17 §3, §4. The credit office's 考核: every
 * department's score of a month with its breakdown and the office's notes (and a note to add), or each
 * department's months and score of a year; its 月通报: the bulletins, one opened with its charts, tables and
 * accountability list, the office's text, refresh, publish and downloads. A department's 月通报: the published
 * bulletins (its own row marked) and its own score of a month with the breakdown.
 *
 * The charts are the same ones the PDF draws (shared/bulletins/bulletin-charts.ts): SVG our code writes from the
 * bulletin's numbers, every text in it XML-escaped; parsed as SVG and imported, never set as HTML.
 */
type Assessments = Answer<'get-assessments'>;
type AssessedDepartment = Assessments['departments'][number];
type Bulletin = Answer<'get-bulletin'>;

const score = (value: number | undefined | null) => (value === undefined || value === null ? '—' : value.toFixed(1));
const coverageText = (value: number | null) => (value === null ? '—' : percentText(value));
/** An instant as county time (every county is in Asia/Shanghai), `YYYY-MM-DD HH:mm`. */
const localTime = (at: string) => new Date(at).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
const stateLabels: Record<string, string> = { draft: '草稿', published: '已发布' };

/** A month (or year) picker that reloads `path` with what was chosen. */
function pickerForm(path: string, name: 'month' | 'year', value: string, testid: string): HTMLFormElement {
  const control =
    name === 'month'
      ? h('input', { type: 'month', value, required: true, testid: `${testid}-month` })
      : h('input', { type: 'number', min: 2000, max: 2100, step: 1, value, required: true, testid: `${testid}-year` });
  return h(
    'form',
    {
      class: 'panel inline',
      'aria-label': name === 'month' ? '选择月份' : '选择年度',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go(path, { [name]: valueOf(event.currentTarget as HTMLFormElement, `${testid}-${name}`) });
      },
    },
    field(name === 'month' ? '月份' : '年度', control),
    h('button', { type: 'submit', testid: `${testid}-${name}-submit` }, '查看'),
  );
}

/** A department's breakdown of a month: each rule, its weight, the fact and the points (不计: the rule did not apply). */
function breakdownTable(d: AssessedDepartment): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'assessment-breakdown', 'data-org': d.orgId },
      h('caption', {}, `${d.name} 得分明细`),
      h('thead', {}, h('tr', {}, ['评分项', '权重', '情况', '得分'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        (d.breakdown ?? []).map((l) =>
          h(
            'tr',
            { testid: 'assessment-line', 'data-rule': l.rule },
            h('th', { scope: 'row' }, l.name),
            h('td', {}, String(l.weight)),
            h('td', {}, l.fact),
            h('td', { testid: 'assessment-points' }, l.points === null ? '不计' : score(l.points)),
          ),
        ),
      ),
    ),
  );
}

function annotationList(d: AssessedDepartment): Child {
  const notes = d.annotations ?? [];
  if (notes.length === 0) return h('p', { class: 'hint', testid: 'assessment-no-notes' }, '暂无备注。');
  return h(
    'ul',
    { class: 'notes', testid: 'assessment-notes' },
    notes.map((n) => h('li', { testid: 'assessment-note' }, n.text, h('small', { class: 'hint' }, ` — ${n.by}，${localTime(n.at)}`))),
  );
}

/** The office's note form for one department's month; `done` re-reads the page. */
function annotationForm(month: string, d: AssessedDepartment, done: () => void): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const id = `note-${d.orgId}`;
  const text = h('textarea', { id, rows: 2, maxlength: 2000, required: true, testid: 'assessment-note-text' });
  const form = h(
    'form',
    { class: 'panel', testid: 'assessment-note-form', 'data-org': d.orgId, 'aria-label': `${d.name} 考核备注` },
    field('添加备注', text),
    h('button', { type: 'submit', testid: 'assessment-note-submit' }, '保存备注'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(status, loading());
    try {
      await call('annotate-assessment', { params: { month }, body: { orgId: d.orgId, text: text.value } });
      done();
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  });
  return form;
}

/** 考核 (credit office): a month's scores with breakdowns and notes, or (`?year=`) a year's. */
export async function officeAssessmentPage(root: HTMLElement, route: Route): Promise<void> {
  const year = route.params.get('year');
  if (year) return yearView(root, year);
  const requested = route.params.get('month') ?? undefined;
  show(root, loading());
  const render = async () => {
    const answer = await call('get-assessments', { query: requested ? { month: requested } : {} });
    const month = answer.month ?? requested ?? '';
    show(
      root,
      h('h1', {}, `考核：${month}`),
      h('p', { class: 'hint', testid: 'assessment-clause' }, `依据 ${answer.clause}；权重见 ${answer.weightsClause}。${answer.final ? '本月通报已发布，得分为通报所载。' : '本月通报尚未发布，得分随数据更新。'}`),
      pickerForm('/console/assessment', 'month', month, 'assessment'),
      pickerForm('/console/assessment', 'year', month.slice(0, 4), 'assessment'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { testid: 'assessment-table' },
          h('caption', {}, '各部门得分（满分 100 分，名次 1 为最好）'),
          h('thead', {}, h('tr', {}, ['名次', '部门', '得分', '备注'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            answer.departments.map((d) =>
              h(
                'tr',
                { testid: 'assessment-row', 'data-org': d.orgId },
                h('td', {}, d.rank === undefined ? '—' : String(d.rank)),
                h('th', { scope: 'row' }, d.name),
                h('td', { testid: 'assessment-score' }, score(d.score)),
                h('td', {}, String(d.annotations?.length ?? 0)),
              ),
            ),
          ),
        ),
      ),
      h('h2', {}, '得分明细与备注'),
      answer.departments.map((d) =>
        h(
          'details',
          { class: 'panel', testid: 'assessment-details', 'data-org': d.orgId },
          h('summary', { testid: 'assessment-summary' }, `${d.rank ?? '—'}. ${d.name}：${score(d.score)} 分`),
          breakdownTable(d),
          annotationList(d),
          annotationForm(month, d, () => void render().then(() => root.querySelector<HTMLDetailsElement>(`[data-testid="assessment-details"][data-org="${d.orgId}"]`)?.setAttribute('open', ''))),
        ),
      ),
    );
  };
  await render();
}

async function yearView(root: HTMLElement, year: string): Promise<void> {
  show(root, loading());
  const answer = await call('get-assessments', { query: { year } });
  const months = [...new Set(answer.departments.flatMap((d) => (d.months ?? []).map((m) => m.month)))].sort();
  show(
    root,
    h('h1', {}, `考核：${year}年度`),
    h('p', { class: 'hint' }, `年度得分为各月得分的平均。依据 ${answer.clause}。`, h('a', { href: href('/console/assessment'), testid: 'assessment-back' }, '返回月度考核')),
    pickerForm('/console/assessment', 'year', year, 'assessment'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'assessment-year-table' },
        h('caption', {}, `${year}年各部门每月得分`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '部门'), months.map((m) => h('th', { scope: 'col' }, `${Number(m.slice(5))}月`)), h('th', { scope: 'col' }, '年度得分'))),
        h(
          'tbody',
          {},
          answer.departments.map((d) =>
            h(
              'tr',
              { testid: 'assessment-year-row', 'data-org': d.orgId },
              h('th', { scope: 'row' }, d.name),
              months.map((m) => h('td', {}, score(d.months?.find((x) => x.month === m)?.score))),
              h('td', { testid: 'assessment-year-score' }, score(d.yearScore)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The charts as SVG elements: parsed as SVG (not HTML) and imported into the page. */
function chartFigures(content: BulletinContent): HTMLElement {
  const parser = new DOMParser();
  return h(
    'section',
    { class: 'charts', testid: 'bulletin-charts', 'aria-label': '图表' },
    bulletinCharts(content).map((chart) => {
      const svg = parser.parseFromString(chart.svg, 'image/svg+xml').documentElement;
      const figure = h('figure', { class: 'chart', testid: 'bulletin-chart', 'data-chart': chart.id });
      if (svg.nodeName === 'svg') {
        const imported = document.importNode(svg, true) as unknown as SVGSVGElement;
        // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' styles allows.
        imported.style.maxWidth = '100%';
        imported.style.height = 'auto';
        figure.append(imported);
      } else figure.append(h('p', {}, chart.title));
      return figure;
    }),
  );
}

function departmentTable(content: BulletinContent, mine?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'bulletin-departments' },
      h('caption', {}, '各部门情况'),
      h('thead', {}, h('tr', {}, ['名次', '部门', '核查次数', '已登记结果', '办件数', '覆盖率', '逾期公示', '逾期答复', '使用情况清单', '得分'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        content.departments.map((d) =>
          h(
            'tr',
            { testid: 'bulletin-row', 'data-org': d.orgId, 'data-mine': d.orgId === mine ? 'true' : undefined, 'aria-current': d.orgId === mine ? 'true' : undefined },
            h('td', {}, String(d.rank)),
            h('th', { scope: 'row' }, d.orgId === mine ? h('mark', {}, `${d.name}（本部门）`) : d.name),
            h('td', {}, String(d.checks)),
            h('td', {}, String(d.withOutcome)),
            h('td', {}, String(d.mattersHandled)),
            h('td', {}, coverageText(d.coverage)),
            h('td', {}, String(d.latePublications)),
            h('td', {}, String(d.overdueAnswers)),
            h('td', {}, usageListLabels[d.usageList] ?? d.usageList),
            h('td', { testid: 'bulletin-score' }, score(d.score)),
          ),
        ),
      ),
    ),
  );
}

function accountabilityTable(content: BulletinContent): HTMLElement {
  if (content.accountability.length === 0) return h('p', { class: 'empty', testid: 'bulletin-accountability-empty' }, '本月没有责任追究线索。');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'bulletin-accountability' },
      h('caption', {}, `责任追究线索（共 ${content.accountability.length} 条）`),
      h('thead', {}, h('tr', {}, ['部门', '类型', '办件编号', '事项', '主体', '日期', '缺失情况'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        content.accountability.map((a) =>
          h(
            'tr',
            { testid: 'bulletin-accountability-row', 'data-reference': a.reference },
            h('td', {}, a.department),
            h('td', {}, accountabilityKindLabels[a.kind] ?? a.kind),
            h('th', { scope: 'row' }, a.reference),
            h('td', {}, a.matterName),
            h('td', {}, a.subject),
            h('td', {}, a.date),
            h('td', {}, a.detail),
          ),
        ),
      ),
    ),
  );
}

/** The PDF and XLSX: fetched with the caller's token, offered as links to the files. */
function downloads(month: string, title: string): HTMLElement {
  const status = h('div', { 'aria-live': 'polite', testid: 'bulletin-files' });
  const fetchFile = async (format: 'pdf' | 'xlsx') => {
    show(status, loading());
    try {
      const file = await callFile('get-bulletin-file', { params: { month }, query: { format } });
      const name = `${title}.${format}`;
      show(status, h('p', { class: 'ok' }, '已生成：', h('a', { href: URL.createObjectURL(file), download: name, testid: `bulletin-file-${format}` }, name)));
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  };
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'panel inline' },
      h('button', { type: 'button', testid: 'bulletin-download-pdf', onclick: () => void fetchFile('pdf') }, '下载 PDF'),
      h('button', { type: 'button', testid: 'bulletin-download-xlsx', onclick: () => void fetchFile('xlsx') }, '下载 XLSX'),
    ),
    status,
  );
}

/** The office's text, save, refresh and publish (with a confirmation), on a draft. */
function officeEditor(bulletin: Bulletin, reload: (message?: string) => void): HTMLElement {
  const content = bulletin.content as unknown as BulletinContent;
  const status = h('div', { 'aria-live': 'polite', testid: 'bulletin-edit-status' });
  const text = h('textarea', { id: 'bulletin-text', rows: 8, testid: 'bulletin-text' });
  text.value = content.officeText.join('\n\n');
  const attempt = async (action: () => Promise<unknown>, message: string) => {
    show(status, loading());
    try {
      await action();
      reload(message);
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  };
  const paragraphs = () =>
    text.value
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
  const confirmBox = h('div', { 'aria-live': 'polite', testid: 'bulletin-publish-confirm-box' });
  const askPublish = () =>
    show(
      confirmBox,
      h(
        'div',
        { class: 'panel', role: 'group', 'aria-label': '确认发布' },
        h('p', {}, '发布后通报不能再修改，得分即为最终得分，并通知各部门。请先保存正文。确认发布？'),
        h('button', { type: 'button', testid: 'bulletin-publish-confirm', onclick: () => void attempt(() => call('publish-bulletin', { params: { month: bulletin.month }, body: { version: bulletin.version } }), '已发布。') }, '确认发布'),
        h('button', { type: 'button', testid: 'bulletin-publish-cancel', onclick: () => show(confirmBox) }, '取消'),
      ),
    );
  const form = h(
    'form',
    { class: 'panel', testid: 'bulletin-text-form', 'aria-label': '通报正文' },
    field('通报正文', text, '每段之间空一行；正文印在表格之前。'),
    h('button', { type: 'submit', testid: 'bulletin-text-save' }, '保存正文'),
    h('button', { type: 'button', testid: 'bulletin-refresh', onclick: () => void attempt(() => call('refresh-bulletin', { params: { month: bulletin.month }, body: { version: bulletin.version } }), '已重新读取本月数据。') }, '重新读取数据'),
    h('button', { type: 'button', testid: 'bulletin-publish', onclick: askPublish }, '发布'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(() => call('edit-bulletin-text', { params: { month: bulletin.month }, body: { version: bulletin.version, paragraphs: paragraphs() } }), '正文已保存。');
  });
  return h('section', { testid: 'bulletin-editor' }, h('h2', {}, '通报正文'), form, confirmBox, status);
}

/** One bulletin, opened: its facts, text, charts, tables and files; the office edits a draft. */
async function bulletinView(box: HTMLElement, month: string, options: { office: boolean; mine?: string; message?: string }): Promise<void> {
  show(box, loading());
  const bulletin = await call('get-bulletin', { params: { month } });
  const content = bulletin.content as unknown as BulletinContent;
  const reload = (message?: string) => void bulletinView(box, month, { ...options, message }).catch((error: Error) => show(box, errorBox(error.message)));
  show(
    box,
    h('h2', { testid: 'bulletin-title' }, content.title),
    options.message ? notice(options.message, 'bulletin-message') : null,
    facts([
      ['状态', stateLabels[bulletin.state] ?? bulletin.state, 'bulletin-state'],
      ['发布日期', bulletin.publishedOn ?? '', 'bulletin-published-on'],
      ['数据截至', content.asOf],
      ['版本', String(bulletin.version)],
      ['报送', content.reportedTo?.join('、') ?? ''],
      ['评分依据', content.scoring.clause],
    ]),
    downloads(month, content.title),
    options.office && bulletin.state === 'draft'
      ? officeEditor(bulletin, reload)
      : content.officeText.length
        ? h('section', { testid: 'bulletin-office-text' }, h('h2', {}, '正文'), content.officeText.map((p) => h('p', {}, p)))
        : null,
    h('h2', {}, '图表'),
    chartFigures(content),
    h('h2', {}, '各部门情况'),
    departmentTable(content, options.mine),
    h('h2', {}, '责任追究'),
    accountabilityTable(content),
  );
}

function bulletinList(bulletins: Answer<'list-bulletins'>['bulletins'], path: string, open?: string): HTMLElement {
  if (bulletins.length === 0) return h('p', { class: 'empty', testid: 'bulletins-empty' }, '还没有月通报。');
  return h(
    'ul',
    { class: 'bulletins', testid: 'bulletins-list' },
    bulletins.map((b) =>
      h(
        'li',
        { testid: 'bulletin-item', 'data-month': b.month, 'data-state': b.state },
        h('a', { href: href(path, { month: b.month }), testid: 'bulletin-open', 'aria-current': b.month === open ? 'page' : undefined }, b.title),
        ` · ${stateLabels[b.state] ?? b.state}${b.publishedOn ? ` · ${b.publishedOn} 发布` : ''}${b.public ? ' · 已向社会公开' : ''}`,
      ),
    ),
  );
}

/** 月通报 (credit office): the bulletins, drafting a month, one opened. */
export async function officeBulletinsPage(root: HTMLElement, route: Route): Promise<void> {
  const open = route.params.get('month') ?? undefined;
  show(root, loading());
  const { bulletins } = await call('list-bulletins');
  const status = h('div', { 'aria-live': 'polite', testid: 'bulletin-draft-status' });
  const monthInput = h('input', { type: 'month', required: true, testid: 'bulletin-draft-month' });
  const draftForm = h(
    'form',
    { class: 'panel inline', testid: 'bulletin-draft-form', 'aria-label': '起草月通报' },
    field('起草月份', monthInput, '已结束且尚无通报的月份'),
    h('button', { type: 'submit', testid: 'bulletin-draft-submit' }, '起草'),
    status,
  );
  draftForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(status, loading());
    try {
      const drafted = await call('refresh-bulletin', { params: { month: monthInput.value }, body: {} });
      go('/console/bulletins', { month: drafted.month });
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  });
  const box = h('section', { testid: 'bulletin-view', 'aria-live': 'polite' });
  show(
    root,
    h('h1', {}, '月通报'),
    h('p', { class: 'hint' }, '每月按县里的日程自动起草上月通报；信用办补充正文、核对后发布，发布后通知各部门。草稿可随时重新读取数据，下载的草稿文件标有“草稿”。'),
    draftForm,
    bulletinList(bulletins, '/console/bulletins', open),
    box,
  );
  if (open) await bulletinView(box, open, { office: true });
}

/** 月通报 (a department): the published bulletins, one opened with its own row marked; and its own score of a month. */
export async function departmentBulletinsPage(root: HTMLElement, route: Route, caller: Caller): Promise<void> {
  const open = route.params.get('month') ?? undefined;
  show(root, loading());
  const [{ bulletins }, assessment] = await Promise.all([call('list-bulletins'), call('get-assessments', { query: open ? { month: open } : {} })]);
  const own = assessment.departments.find((d) => d.orgId === caller.orgId) ?? assessment.departments[0];
  const box = h('section', { testid: 'bulletin-view', 'aria-live': 'polite' });
  show(
    root,
    h('h1', {}, '月通报'),
    bulletinList(bulletins, '/console/bulletins', open),
    box,
    h('h2', {}, `本部门考核：${assessment.month ?? ''}`),
    own
      ? h(
          'section',
          { testid: 'own-assessment', 'data-org': own.orgId },
          h('p', { testid: 'own-score' }, `得分 ${score(own.score)}，排名第 ${own.rank ?? '—'}${assessment.final ? '（已随通报发布）' : '（通报发布前，得分随数据更新）'}`),
          breakdownTable(own),
          annotationList(own),
        )
      : h('p', { class: 'hint' }, '本部门不在部门名录中。'),
  );
  if (open) await bulletinView(box, open, { office: false, mine: caller.orgId });
}
