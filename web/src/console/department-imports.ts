import { call, callFile, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, loading, show, valueOf } from '../dom.ts';
import { go, href, type Route } from '../router.ts';
import { postToS3 } from '../upload.ts';
import { recordKindLabels } from '../../../shared/config/record-kinds.ts';

/**
 * 批量导入: a department downloads the national template, fills it in Excel or WPS, uploads it (XLSX or CSV)
 * straight to S3, follows the ingest's progress, sees the refused rows by row and column, and downloads the
 * result file (its rows with 结果, 字段, 错误) to mend and upload again.
 */
type ImportKind = CallInput<'create-import'>['body']['kind'];
type ImportAnswer = Answer<'get-import'>;

const kindLabels: Record<ImportKind, string> = recordKindLabels;
/** The national templates first (the standard's columns), then the platform's for the other kinds. */
const kinds: ImportKind[] = ['penalty', 'licence', ...(Object.keys(recordKindLabels) as ImportKind[]).filter((k) => k !== 'penalty' && k !== 'licence')];
const stateLabels: Record<ImportAnswer['state'], string> = { awaitingFile: '等待文件', running: '导入中', done: '已完成', failed: '无法导入' };

export async function importPage(root: HTMLElement, route: Route): Promise<void> {
  const templates = h('div', { 'aria-live': 'polite', testid: 'template-status' });
  const templateKind = h('select', { testid: 'template-kind', 'aria-label': '模板类别' }, kinds.map((kind) => h('option', { value: kind }, `${kindLabels[kind]}${kind === 'penalty' || kind === 'licence' ? '（国家标准）' : ''}`)));
  const download = async (kind: ImportKind) => {
    try {
      const file = await callFile('get-import-template', { params: { kind } });
      const name = `${kindLabels[kind]}导入模板.xlsx`;
      const link = h('a', { href: URL.createObjectURL(file), download: name, testid: 'template-file' }, name);
      show(templates, h('p', { class: 'ok' }, '已生成：', link));
      link.click();
    } catch (error) {
      show(templates, errorBox((error as Error).message));
    }
  };
  const templateButtons = [
    h('button', { type: 'button', testid: 'template-penalty', onclick: () => download('penalty') }, '下载行政处罚模板'),
    h('button', { type: 'button', testid: 'template-licence', onclick: () => download('licence') }, '下载行政许可模板'),
    field('其他类别', templateKind),
    h('button', { type: 'button', testid: 'template-download', onclick: () => download(templateKind.value as ImportKind) }, '下载所选模板'),
  ];

  const progress = h('progress', { max: 100, value: 0, testid: 'import-upload-progress', 'aria-label': '上传进度' });
  const state = h('section', { 'aria-live': 'polite', testid: 'import-status' });
  const form = h(
    'form',
    { class: 'panel', testid: 'import-form' },
    field('数据类别', h('select', { testid: 'import-kind' }, kinds.map((kind) => h('option', { value: kind }, kindLabels[kind])))),
    field('文件（.xlsx 或 .csv）', h('input', { type: 'file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv', required: true, testid: 'import-file' }), 'CSV 可为 UTF-8 或 GB18030（Excel“CSV”）编码'),
    h('button', { type: 'submit', testid: 'import-submit' }, '上传并导入'),
    h('div', { class: 'progress' }, progress),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = (form.querySelector('[data-testid="import-file"]') as HTMLInputElement).files?.[0];
    if (!file) return show(state, errorBox('请选择要导入的文件'));
    progress.value = 0;
    try {
      // The select offers only the declared kinds.
      const started = await call('create-import', { body: { kind: valueOf(form, 'import-kind') as ImportKind, fileName: file.name } });
      show(state, h('p', {}, '上传中…'));
      await postToS3(started.upload.url, started.upload.fields, file, file.name, (loaded, total) => (progress.value = Math.round((loaded / total) * 100)));
      go('/console/import', { id: started.importId });
    } catch (error) {
      show(state, errorBox((error as Error).message));
    }
  });

  const history = h('section', { testid: 'import-history' }, loading());
  show(
    root,
    h('h1', {}, '批量导入（双公示）'),
    h('p', { class: 'hint' }, '下载模板（行政许可、行政处罚为国家双公示数据标准模板，其他类别为本平台模板），在 Excel 或 WPS 中填写后上传。同一决定书文号再次导入视为更正，未通过的行可在导入结果中修改后再次上传。'),
    h('div', { class: 'panel inline' }, templateButtons),
    templates,
    form,
    state,
    h('h2', {}, '本部门的导入'),
    history,
  );
  const importId = route.params.get('id');
  await Promise.all([importId ? followImport(state, importId, progress) : undefined, showHistory(history)]);
}

/** The import's progress, asked again every second until it ends. */
async function followImport(root: HTMLElement, importId: string, progress: HTMLProgressElement): Promise<void> {
  progress.value = 100;
  for (;;) {
    let job: ImportAnswer;
    try {
      job = await call('get-import', { params: { id: importId } });
    } catch (error) {
      return show(root, errorBox((error as Error).message));
    }
    if (!root.isConnected) return;
    show(root, importView(job));
    if (job.state === 'done' || job.state === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function importView(job: ImportAnswer): HTMLElement {
  const refused = job.refusedRows ?? [];
  return h(
    'div',
    { testid: 'import-view', 'data-state': job.state },
    facts([
      ['文件', job.fileName, 'import-file-name'],
      ['数据类别', kindLabels[job.kind], undefined],
      ['状态', h('span', { testid: 'import-state', 'data-state': job.state }, stateLabels[job.state]), undefined],
      ['已读行数', String(job.rowsRead), 'import-rows-read'],
      ['新增', String(job.created), 'import-created'],
      ['未变', String(job.unchanged), 'import-unchanged'],
      ['更正', String(job.corrected), 'import-corrected'],
      ['未通过', String(job.refused), 'import-refused'],
      ...(job.failure ? ([['原因', job.failure, 'import-failure']] as [string, string, string][]) : []),
    ]),
    job.result ? h('p', {}, h('a', { href: job.result.url, download: '', testid: 'import-result' }, '下载导入结果（含“结果、字段、错误”列）')) : null,
    refused.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'import-refused-rows' },
            h('caption', {}, `未通过的行${job.refused > refused.length ? `（前 ${refused.length} 行，全部见导入结果）` : ''}`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '行号'), h('th', { scope: 'col' }, '列'), h('th', { scope: 'col' }, '错误'))),
            h(
              'tbody',
              {},
              refused.flatMap((row) =>
                row.problems.map((problem) => h('tr', { 'data-row': row.row }, h('td', {}, String(row.row)), h('td', { testid: 'refused-column' }, problem.column), h('td', {}, problem.message))),
              ),
            ),
          ),
        )
      : null,
  );
}

async function showHistory(root: HTMLElement): Promise<void> {
  try {
    const { imports } = await call('list-imports');
    if (imports.length === 0) return show(root, h('p', { class: 'hint' }, '尚无导入。'));
    show(
      root,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ['时间', '文件', '类别', '状态', '新增', '未变', '更正', '未通过'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            imports.map((job) =>
              h(
                'tr',
                {},
                h('td', {}, job.createdAt.slice(0, 16).replace('T', ' ')),
                h('td', {}, h('a', { href: href('/console/import', { id: job.importId }) }, job.fileName)),
                h('td', {}, kindLabels[job.kind]),
                h('td', {}, stateLabels[job.state]),
                h('td', {}, String(job.created)),
                h('td', {}, String(job.unchanged)),
                h('td', {}, String(job.corrected)),
                h('td', {}, String(job.refused)),
              ),
            ),
          ),
        ),
      ),
    );
  } catch (error) {
    show(root, errorBox((error as Error).message));
  }
}
