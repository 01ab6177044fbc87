import { call, callFile, type Answer } from '../call.ts';
import { errorBox, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { go, type Route } from '../router.ts';

/**
 * Coverage and accountability (issue 17 §2). A department's 办件报送: download the template, upload a month's
 * matters handled (XLSX or CSV, read in the browser and sent as it is), see the rows refused by row and column,
 * and its coverage per item of its matter list. The credit office's 覆盖率 (per department and item, by month)
 * and 责任追究 (matters decided without a check, punishments offered neither applied nor explained).
 */
type Coverage = Answer<'get-coverage'>;
type DepartmentCoverage = Coverage['departments'][number];
type Upload = Answer<'upload-matters'>;

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** A month picker (YYYY-MM) that reloads `path` with the month chosen. */
function monthForm(path: string, month: string, testid: string): HTMLFormElement {
  return h(
    'form',
    {
      class: 'panel inline',
      'aria-label': '选择月份',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go(path, { month: valueOf(event.currentTarget as HTMLFormElement, `${testid}-month`) });
      },
    },
    field('月份', h('input', { type: 'month', value: month, required: true, testid: `${testid}-month` })),
    h('button', { type: 'submit', testid: `${testid}-submit` }, '查看'),
  );
}

/** One department's coverage per list item, as a table. */
function coverageTable(d: DepartmentCoverage, caption: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'coverage-items', 'data-org': d.orgId },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ['事项编号', '事项名称', '办件数', '已核查', '覆盖率'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        d.items.length === 0
          ? h('tr', {}, h('td', { colspan: 5 }, d.listVersion === null ? '尚无经审核通过的事项清单，也未报送办件。' : '本月未报送办件。'))
          : d.items.map((i) =>
              h(
                'tr',
                { testid: 'coverage-item', 'data-item': i.itemId, class: i.inList ? undefined : 'failing' },
                h('th', { scope: 'row' }, i.itemId),
                h('td', {}, i.name, i.inList ? null : h('small', { class: 'hint' }, '（不在本部门现行事项清单中）')),
                h('td', {}, String(i.handled)),
                h('td', {}, String(i.checked)),
                h('td', { testid: 'coverage-item-rate' }, percent(i.coverage)),
              ),
            ),
      ),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 2 }, '合计'), h('td', {}, String(d.handled)), h('td', {}, String(d.checked)), h('td', { testid: 'coverage-total-rate' }, percent(d.coverage)))),
    ),
  );
}

/** The file as base64 (what POST /matter-uploads takes), read in the browser. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function uploadResult(answer: Upload): Child {
  return [
    notice(`${answer.month}：读入 ${answer.rows} 行，新增 ${answer.stored} 件，更新 ${answer.updated} 件，退回 ${answer.refused.length} 行。`, 'matters-upload-summary'),
    answer.refused.length === 0
      ? null
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'matters-refused' },
            h('caption', {}, '退回的行（请改正后重新上传；已保存的行再次上传只会更新，不会重复）'),
            h('thead', {}, h('tr', {}, ['行号', '列', '问题'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, answer.refused.map((r) => h('tr', { testid: 'matters-refused-row' }, h('td', {}, String(r.row)), h('td', {}, r.column), h('td', {}, r.message)))),
          ),
        ),
  ];
}

/** 办件报送: the department's template, monthly upload and coverage per item. */
export async function mattersPage(root: HTMLElement, route: Route): Promise<void> {
  show(root, loading());
  const requested = route.params.get('month') ?? undefined;
  const coverage = await call('get-coverage', { query: requested ? { month: requested } : {} });
  const month = coverage.month;
  const own = coverage.departments[0];
  const templateStatus = h('div', { 'aria-live': 'polite', testid: 'matters-template-status' });
  const downloadTemplate = async () => {
    try {
      const file = await callFile('get-matter-template', { query: {} });
      const link = h('a', { href: URL.createObjectURL(file), download: '办件报送模板.xlsx', testid: 'matters-template-file' }, '办件报送模板.xlsx');
      show(templateStatus, h('p', { class: 'ok' }, '已生成：', link));
    } catch (error) {
      show(templateStatus, errorBox((error as Error).message));
    }
  };
  const result = h('div', { 'aria-live': 'polite', testid: 'matters-upload-result' });
  const fileInput = h('input', { id: 'matters-file', type: 'file', required: true, accept: '.xlsx,.csv', testid: 'matters-file' });
  const uploadMonth = h('input', { id: 'matters-upload-month', type: 'month', value: month, required: true, testid: 'matters-upload-month' });
  const form = h(
    'form',
    { class: 'panel', testid: 'matters-upload-form', 'aria-label': '上传办件' },
    field('报送月份', uploadMonth, '文件中每行的办结日期须在该月内'),
    field('办件文件（.xlsx 或 .csv）', fileInput, 'CSV 可为 UTF-8 或 GB18030（Excel 另存的“CSV（逗号分隔）”）'),
    h('button', { type: 'submit', testid: 'matters-upload-submit' }, '上传'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) return show(result, errorBox('请选择文件'));
    show(result, loading());
    try {
      const answer = await call('upload-matters', { body: { month: uploadMonth.value, fileName: file.name, content: await base64Of(file) } });
      const refreshed = await call('get-coverage', { query: { month: uploadMonth.value } });
      show(result, uploadResult(answer));
      if (refreshed.departments[0]) show(coverageBox, coverageTable(refreshed.departments[0], `${refreshed.month} 各事项覆盖率（办结前 ${refreshed.lookbackDays} 日内核查计入）`));
    } catch (error) {
      show(result, errorBox((error as Error).message));
    }
  });
  const coverageBox = h('section', { 'aria-live': 'polite', testid: 'matters-coverage' }, own ? coverageTable(own, `${month} 各事项覆盖率（办结前 ${coverage.lookbackDays} 日内核查计入）`) : h('p', { class: 'hint' }, '本部门不在部门名录中。'));
  show(
    root,
    h('h1', {}, '办件报送'),
    h('p', { class: 'hint' }, '按月报送本部门办结的行政管理事项（办件），平台据此计算各事项的信用核查覆盖率（已核查办件数 ÷ 办件数）。业务系统也可通过系统接入（matters:report 权限）逐件报送。同一办件编号再次报送即为更新。'),
    h('div', { class: 'panel inline' }, h('button', { type: 'button', testid: 'matters-template', onclick: downloadTemplate }, '下载办件报送模板')),
    templateStatus,
    form,
    result,
    h('h2', {}, '覆盖率'),
    monthForm('/console/matters', month, 'matters'),
    coverageBox,
  );
}

/** 覆盖率: every registered department's coverage of a month, per item. */
export async function officeCoveragePage(root: HTMLElement, route: Route): Promise<void> {
  show(root, loading());
  const requested = route.params.get('month') ?? undefined;
  const coverage = await call('get-coverage', { query: requested ? { month: requested } : {} });
  const worstFirst = [...coverage.departments].sort((a, b) => (a.coverage ?? 2) - (b.coverage ?? 2) || a.orgId.localeCompare(b.orgId));
  show(
    root,
    h('h1', {}, `信用核查覆盖率：${coverage.month}`),
    h('p', { class: 'hint' }, `覆盖率 = 已核查办件数 ÷ 办件数。办结当日或之前 ${coverage.lookbackDays} 日内对同一主体、同一事项（或同一办件编号）的核查计入。覆盖率最低的部门在前。`),
    monthForm('/console/coverage', coverage.month, 'coverage'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'coverage-table' },
        h('caption', {}, '各部门'),
        h('thead', {}, h('tr', {}, ['部门', '事项清单版本', '办件数', '已核查', '覆盖率'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          worstFirst.map((d) =>
            h(
              'tr',
              { testid: 'coverage-row', 'data-org': d.orgId },
              h('th', { scope: 'row' }, d.name),
              h('td', {}, d.listVersion === null ? '未通过审核' : `第 ${d.listVersion} 版`),
              h('td', {}, String(d.handled)),
              h('td', {}, String(d.checked)),
              h('td', { testid: 'coverage-rate' }, percent(d.coverage)),
            ),
          ),
        ),
      ),
    ),
    worstFirst.filter((d) => d.items.length > 0).map((d) => h('section', {}, h('h2', {}, d.name), coverageTable(d, `${d.name} 各事项`))),
  );
}

/** 责任追究: the accountability candidates of a month. */
export async function accountabilityPage(root: HTMLElement, route: Route): Promise<void> {
  show(root, loading());
  const requested = route.params.get('month') ?? undefined;
  const answer = await call('get-accountability', { query: requested ? { month: requested } : {} });
  show(
    root,
    h('h1', {}, `责任追究线索：${answer.month}`),
    h('p', { class: 'hint' }, '事项清单要求核查而办结前未见核查的办件，以及核查提示了失信惩戒措施、但核查结果既未适用也未说明理由的核查。个人的姓名和身份证号已隐去部分。'),
    monthForm('/console/accountability', answer.month, 'accountability'),
    answer.candidates.length === 0
      ? h('p', { class: 'empty', testid: 'accountability-empty' }, '本月没有责任追究线索。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'accountability-table' },
            h('caption', {}, `共 ${answer.candidates.length} 条`),
            h('thead', {}, h('tr', {}, ['部门', '类型', '办件编号', '事项', '主体', '日期', '缺失情况'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              answer.candidates.map((c) =>
                h(
                  'tr',
                  { testid: 'accountability-row', 'data-kind': c.kind, 'data-reference': c.reference },
                  h('td', {}, c.department),
                  h('td', {}, c.kindLabel),
                  h('th', { scope: 'row' }, c.reference),
                  h('td', {}, c.matterName),
                  h('td', {}, c.subject),
                  h('td', {}, c.date),
                  h('td', {}, c.detail),
                ),
              ),
            ),
          ),
        ),
  );
}
