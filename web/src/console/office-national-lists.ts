import { ApiError } from '../api.ts';
import { call, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, type Child } from '../dom.ts';
import type { Route } from '../router.ts';

/**
 * 国家名单: the credit office's page of the national lists the county takes (issue 18, docs/exchange.md "Inbound").
 * Each list's list date (数据日期) and freshness, the upload of a list file (the whole list, or a changes file) with
 * the report of every bad row when it is refused (nothing of it is then stored), the imports made, and a subject's
 * entries with their history.
 */
type Sources = Answer<'get-national-list-sources'>;
type Source = Sources['sources'][number];
type Import = Answer<'upload-national-list'>;
type Entries = Answer<'list-national-list-entries'>;

const modeLabels: Record<Import['mode'], string> = { full: '全量名单', changes: '变更文件' };
const statusLabels: Record<Import['status'], string> = { applying: '导入中', applied: '已生效', abandoned: '已中止' };
const stateLabels: Record<Entries['entries'][number]['state'], string> = { listed: '在册', removed: '已移出', repaired: '已信用修复' };

/** How fresh a list is, in words: its list date and days since, or not yet imported. */
export function freshnessText(s: { listDate: string | null; ageDays: number | null; stale: boolean; staleAfterDays?: number }): string {
  if (s.listDate === null) return '尚未导入';
  return `数据日期 ${s.listDate}（${s.ageDays} 天前${s.stale ? `，超过 ${s.staleAfterDays ?? ''} 天未更新` : ''}）`;
}

/** An instant as the office reads it: Beijing time, to the minute. */
const localTime = (instant: string): string => new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The file as base64 (what POST /national-lists/imports takes), read in the browser. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function nationalListsPage(root: HTMLElement, route: Route, _caller?: unknown, saved?: Child): Promise<void> {
  show(root, h('h1', {}, '国家名单'), loading());
  let sources: Sources;
  let imports: Answer<'list-national-list-imports'>;
  try {
    [sources, imports] = await Promise.all([call('get-national-list-sources'), call('list-national-list-imports', { query: { limit: 20 } })]);
  } catch (error) {
    return show(root, h('h1', {}, '国家名单'), errorBox((error as Error).message));
  }
  const again = (note: Child) => nationalListsPage(root, route, undefined, note);
  show(
    root,
    h('h1', {}, '国家名单'),
    h(
      'p',
      { class: 'hint' },
      `本县在信用核查和信用报告中采用的全国性名单。上传各名单公布机关发布的名单文件（全量名单，或注明“状态”的变更文件）：文件先逐行检查，任何一行有误则整份退回、名单不作任何变动；检查通过后一次生效。数据日期超过 ${sources.staleAfterDays.days} 天的名单标为未及时更新（${sources.staleAfterDays.source}）。`,
    ),
    h('div', { 'aria-live': 'polite', testid: 'national-saved' }, saved ?? null),
    h('h2', {}, '各名单的时效'),
    sourcesTable(sources),
    h('h2', {}, '上传名单文件'),
    uploadForm(sources, again),
    h('h2', {}, '导入记录'),
    importsTable(imports.imports),
    h('h2', {}, '查询主体的名单条目'),
    lookupForm(),
  );
}

function sourcesTable(sources: Sources): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'national-sources' },
      h('caption', {}, `截至 ${sources.asOf}`),
      h('thead', {}, h('tr', {}, ['名单', '公布机关', '本县作为', '时效', '在册条目', '已信用修复', '最近导入'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        sources.sources.map((s) =>
          h(
            'tr',
            { testid: 'national-source', 'data-source': s.source, 'data-stale': String(s.stale), class: s.stale ? 'failing' : undefined },
            h('th', { scope: 'row' }, s.name),
            h('td', {}, s.publisher),
            h('td', {}, `${s.listLabel}（依据：${s.clause}）`),
            h('td', { testid: 'national-source-freshness' }, h('span', { class: `badge${s.stale ? ' status-revoked' : ' status-active'}` }, s.stale ? '未及时更新' : '有效'), ` ${freshnessText(s)}`),
            h('td', { testid: 'national-source-listed' }, String(s.entriesInForce)),
            h('td', {}, String(s.entriesRepaired)),
            h('td', {}, s.pending ? `导入中（${localTime(s.pending.startedAt)}）` : s.lastImport?.appliedAt ? localTime(s.lastImport.appliedAt) : '—'),
          ),
        ),
      ),
    ),
  );
}

function columnsHint(s: Source | undefined): string {
  if (!s) return '';
  return `文件须有以下列（按名单公布的列名）：${s.columns.map((c) => `${c.header}${c.key ? '（标识）' : c.required ? '' : '（可空）'}`).join('、')}；变更文件另加“状态”列（新增、纳入、移出、信用修复），移出和修复的行只需填标识列。`;
}

function uploadForm(sources: Sources, again: (note: Child) => Promise<void>): HTMLElement {
  const result = h('div', { 'aria-live': 'polite', testid: 'national-upload-result' });
  const source = h(
    'select',
    { id: 'national-source', required: true, testid: 'national-upload-source' },
    sources.sources.map((s) => h('option', { value: s.source }, `${s.name}（${s.publisher}）`)),
  );
  const columns = h('small', { class: 'hint', testid: 'national-upload-columns' }, columnsHint(sources.sources[0]));
  source.addEventListener('change', () => show(columns, columnsHint(sources.sources.find((s) => s.source === source.value))));
  const listDate = h('input', { id: 'national-list-date', type: 'date', required: true, max: sources.asOf, value: sources.asOf, testid: 'national-upload-date' });
  const mode = h('select', { id: 'national-mode', required: true, testid: 'national-upload-mode' }, h('option', { value: 'full' }, '全量名单（文件中没有的条目视为已移出）'), h('option', { value: 'changes' }, '变更文件（按“状态”列新增、移出或修复）'));
  const file = h('input', { id: 'national-file', type: 'file', required: true, accept: '.xlsx,.csv', testid: 'national-upload-file' });
  const form = h(
    'form',
    { class: 'panel', testid: 'national-upload-form', 'aria-label': '上传名单文件' },
    field('名单', source),
    columns,
    field('数据日期', listDate, '名单文件所载名单的日期，不得晚于今天，也不得早于该名单已导入的数据日期'),
    field('文件类型', mode),
    field('名单文件（.xlsx 或 .csv）', file, 'CSV 可为 UTF-8 或 GB18030'),
    h('button', { type: 'submit', testid: 'national-upload-submit' }, '上传并导入'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return show(result, errorBox('请选择文件'));
    show(result, loading());
    try {
      const answer = await call('upload-national-list', {
        body: { source: source.value as Import['source'], listDate: listDate.value, mode: mode.value as Import['mode'], fileName: chosen.name, content: await base64Of(chosen) },
      });
      await again(importSummary(answer));
    } catch (error) {
      show(result, refusal(error));
    }
  });
  return h('div', {}, form, result);
}

function importSummary(i: Import): Child {
  const s = i.summary;
  const text = i.repeated
    ? `同一文件已于 ${localTime(i.appliedAt ?? i.startedAt)} 导入，未重复导入。`
    : `${i.sourceName}（${modeLabels[i.mode]}，数据日期 ${i.listDate}）已生效：读入 ${i.rows} 行，新增 ${s?.added ?? 0} 条，变更 ${s?.changed ?? 0} 条，移出 ${s?.removed ?? 0} 条，信用修复 ${s?.repaired ?? 0} 条，未变 ${s?.unchanged ?? 0} 条，未作变动的行 ${s?.ignored ?? 0} 行。`;
  return [
    notice(text, 'national-upload-summary'),
    i.ignored?.length
      ? h('ul', { testid: 'national-upload-ignored' }, i.ignored.map((r) => h('li', {}, `第 ${r.row} 行：${r.reason}`)))
      : null,
  ];
}

/** A refused file: every problem by row and column; any other refusal as its message. */
function refusal(error: unknown): Child {
  if (!(error instanceof ApiError) || !error.problems?.length) return errorBox((error as Error).message);
  return [
    h('p', { class: 'error', role: 'alert', testid: 'national-refused-message' }, `文件有 ${error.problems.length} 处问题，整份文件未导入，名单未作任何变动。请按下表改正后重新上传。`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'national-refused' },
        h('caption', {}, '有误的行（请改正后重新上传整份文件）'),
        h('thead', {}, h('tr', {}, ['行号', '列', '问题'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, error.problems.map((p) => h('tr', { testid: 'national-refused-row', 'data-row': String(p.row) }, h('td', {}, String(p.row)), h('td', {}, p.column), h('td', {}, p.rule)))),
      ),
    ),
  ];
}

function importsTable(imports: Import[]): HTMLElement {
  if (imports.length === 0) return h('p', { class: 'empty', testid: 'national-imports-none' }, '尚未导入名单。');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'national-imports' },
      h('caption', {}, '最近的导入，最新在前'),
      h('thead', {}, h('tr', {}, ['开始时间', '名单', '类型', '数据日期', '文件', '状态', '变动'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        imports.map((i) =>
          h(
            'tr',
            { testid: 'national-import', 'data-import-id': i.importId, 'data-status': i.status },
            h('td', {}, localTime(i.startedAt)),
            h('td', {}, i.sourceName),
            h('td', {}, modeLabels[i.mode]),
            h('td', {}, i.listDate),
            h('td', {}, i.fileName),
            h('td', {}, statusLabels[i.status]),
            h('td', {}, i.summary ? `+${i.summary.added} ~${i.summary.changed} −${i.summary.removed} 修复${i.summary.repaired}` : '—'),
          ),
        ),
      ),
    ),
  );
}

function lookupForm(): HTMLElement {
  const result = h('div', { 'aria-live': 'polite', testid: 'national-lookup-result' });
  const subjectId = h('input', { id: 'national-subject', type: 'text', required: true, maxlength: 40, autocomplete: 'off', testid: 'national-lookup-subject' });
  const form = h('form', { class: 'panel inline', role: 'search', 'aria-label': '查询主体的名单条目' }, field('统一社会信用代码或公民身份号码', subjectId), h('button', { type: 'submit', testid: 'national-lookup-submit' }, '查询'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(result, loading());
    try {
      const answer = await call('list-national-list-entries', { query: { subjectId: subjectId.value } });
      show(
        result,
        answer.entries.length === 0
          ? h('p', { class: 'empty', testid: 'national-lookup-none' }, `${answer.subject.id} 不在本县采用的国家名单中。`)
          : answer.entries.map((e) =>
              h(
                'section',
                { class: 'panel', testid: 'national-entry', 'data-state': e.state },
                h('h3', {}, `${e.listLabel} · ${stateLabels[e.state]}`),
                facts([
                  ['主体', `${e.subject.name} ${e.subject.id}`],
                  ['来源', `${e.publisher}（${freshnessText(e)}）`],
                  ...(e.caseNumber ? ([['案号', e.caseNumber]] as [string, Child][]) : []),
                  ...(e.authority ? ([[e.authority.label, e.authority.name]] as [string, Child][]) : []),
                  [e.basis.label, e.basis.text],
                  ...(e.conduct ? ([[e.conduct.label, e.conduct.text]] as [string, Child][]) : []),
                  ['列入日期', e.listedOn ?? e.decidedOn ?? '—'],
                  ['变动', e.history.map((change) => `${change.changedOn} ${stateLabels[change.state]}`).join('；')],
                ]),
              ),
            ),
      );
    } catch (error) {
      show(result, errorBox((error as Error).message));
    }
  });
  return h('div', {}, form, result);
}
