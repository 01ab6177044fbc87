import { ApiError } from '../api.ts';
import { call, callFile, type Answer, type CallInput } from '../call.ts';
import { errorBox, field, h, loading, notice, show, valueOf } from '../dom.ts';

/**
 * 批量核查: one matter (a tender, a round of awards), many subjects: the clerk pastes the codes (one a line, the
 * item's own reference after a tab or a comma) or reads them from a CSV or TXT file in the browser, runs the
 * batch (POST /checks/batch: one logged check per subject), sees each item's lists, records and measures or
 * why it was not checked, and downloads the results workbook. One Idempotency-Key per batch, reused for the
 * workbook, so that neither a retry nor the download logs a check twice.
 */
type Batch = Answer<'run-check-batch'>;
type BatchItem = Batch['results'][number];
type BatchBody = CallInput<'run-check-batch'>['body'];
interface Subject {
  subjectId: string;
  reference?: string;
}

/** What the page reads of a receipt's measures and records (declared loosely in the receipt). */
type Measure = NonNullable<BatchItem['check']>['measures'][number];

/** The API's item errors by their code, as a clerk reads them; the API's own words follow. */
const itemErrorLabels: Record<string, string> = {
  VALIDATION_FAILED: '主体代码无效',
  DUPLICATE_SUBJECT: '与前面的主体重复，只核查一次',
  RETRY: '暂未能核查，请再次点击“开始核查”（已核查的不会重复记录）',
};

/**
 * The subjects of a pasted list or a file's text: one a line, `code`, `code<TAB>reference` or `code,reference`
 * (quotes of a spreadsheet's CSV dropped); blank lines skipped, and a first line that is a header (no digit in
 * its first cell, e.g. 主体代码,参考编号). A bad code is kept: the API answers it at its item.
 */
function parseSubjects(text: string): Subject[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const subjects: Subject[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const [code = '', ...rest] = line.split(/[\t,，]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
    if (i === 0 && !/\d/.test(code)) return;
    if (!code && !rest.join('')) return;
    const reference = rest.find((cell) => cell !== '');
    subjects.push({ subjectId: code, ...(reference ? { reference } : {}) });
  });
  return subjects;
}

/** A file's text: UTF-8 (with or without BOM), else GB18030, as Excel and WPS save a CSV in Chinese. */
async function fileText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function batchPage(root: HTMLElement): Promise<void> {
  show(root, loading());
  const county = await call('get-county-profile');
  const message = h('div', { 'aria-live': 'polite', testid: 'batch-message' });
  const result = h('section', { 'aria-live': 'polite', testid: 'batch-result' });
  const list = h('textarea', {
    id: 'batch-subjects',
    rows: 10,
    required: true,
    spellcheck: 'false',
    placeholder: '91410425MA0000000X\t投标人1\n91410425MA0000001X,投标人2',
    testid: 'batch-subjects',
  });
  const file = h('input', { type: 'file', accept: '.csv,.txt,text/csv,text/plain', testid: 'batch-file' });
  const form = h(
    'form',
    { class: 'panel', testid: 'batch-form' },
    field('事项类型', h('select', { required: true, testid: 'batch-matter-type' }, county.matterTypes.map((m) => h('option', { value: m.id }, m.name)))),
    field('事项编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'batch-matter-reference' }), '如招标项目编号'),
    field('事项名称', h('input', { type: 'text', required: true, maxlength: 200, testid: 'batch-matter-name' })),
    field('主体代码（每行一个）', list, '统一社会信用代码或身份证号码；可在代码后用制表符或逗号隔开写本方参考编号（如投标人编号）。可直接从 Excel 复制两列粘贴。'),
    field('或读取文件（.csv 或 .txt）', file, '文件在浏览器中读取，内容填入上面的列表；第一行为表头的将被跳过。Excel 文件请另存为 CSV。'),
    h('button', { type: 'submit', testid: 'batch-submit' }, '开始核查'),
  );

  // One Idempotency-Key per filled-in batch: sending it again (a retry, the workbook) logs no check twice.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      const text = await fileText(chosen);
      const subjects = parseSubjects(text);
      list.value = subjects.map((s) => (s.reference ? `${s.subjectId}\t${s.reference}` : s.subjectId)).join('\n');
      idempotencyKey = crypto.randomUUID();
      show(message, notice(`已读取 ${chosen.name}：${subjects.length} 个主体。`, 'batch-file-read'));
    } catch (error) {
      show(message, errorBox(`无法读取文件：${(error as Error).message}`));
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const subjects = parseSubjects(list.value);
    if (subjects.length === 0) return show(message, errorBox('请填写至少一个主体代码'));
    const body: BatchBody = {
      matter: { type: valueOf(form, 'batch-matter-type'), reference: valueOf(form, 'batch-matter-reference'), name: valueOf(form, 'batch-matter-name') },
      subjects,
    };
    const key = idempotencyKey;
    show(message);
    show(result, loading());
    try {
      const batch = await call('run-check-batch', { body }, { headers: { 'idempotency-key': key } });
      showBatch(result, batch, body, key);
    } catch (error) {
      const tooMany = error instanceof ApiError && error.field === 'body.subjects';
      show(result, errorBox(tooMany ? `主体数量超过本县每批上限，请分批核查（${(error as Error).message}）` : (error as Error).message));
    }
  });

  show(
    root,
    h('h1', {}, '批量核查'),
    h('p', { class: 'hint' }, '同一事项（如一次招标的全部投标人）一次核查多个主体，每个主体记录一次核查，与单个核查一样计入使用情况清单。代码有误的只影响该项。'),
    form,
    message,
    result,
  );
}

const listsOf = (check: NonNullable<BatchItem['check']>): string =>
  [check.lists.blackListed && '黑名单', check.lists.dishonestDebtor && '失信被执行人', check.lists.redListed && '红名单'].filter(Boolean).join('、') || '无';
const measuresOf = (measures: Measure[]): string =>
  measures.map((m) => `${m.kind === 'punishment' ? '惩戒' : '激励'}：${m.name}${m.suspended ? '（异议中，中止）' : ''}`).join('；') || '无';

function showBatch(root: HTMLElement, batch: Batch, body: BatchBody, key: string): void {
  const downloaded = h('div', { 'aria-live': 'polite' });
  const fileName = `批量核查结果-${batch.matter.reference}.xlsx`;
  const download = async () => {
    try {
      // The same body and key: the API answers the checks it logged, as a workbook, and logs none again.
      const workbook = await callFile('run-check-batch', { query: { format: 'xlsx' }, body }, { headers: { 'idempotency-key': key } });
      const link = h('a', { href: URL.createObjectURL(workbook), download: fileName, testid: 'batch-file-link' }, fileName);
      show(downloaded, h('p', { class: 'ok', testid: 'batch-downloaded' }, '已生成：', link));
      link.click();
    } catch (error) {
      show(downloaded, errorBox((error as Error).message));
    }
  };
  show(
    root,
    h('h2', {}, '核查结果'),
    h(
      'p',
      { testid: 'batch-summary', 'data-count': batch.count, 'data-succeeded': batch.succeeded, 'data-failed': batch.failed },
      `共 ${batch.count} 个主体，已核查 ${batch.succeeded} 个，未核查 ${batch.failed} 个。`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'batch-table' },
        h('caption', {}, `${batch.matter.name}（编号 ${batch.matter.reference}）`),
        h('thead', {}, h('tr', {}, ['序号', '参考编号', '主体', '名单状态', '在效记录数', '适用措施'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, batch.results.map(itemRow)),
      ),
    ),
    h('p', {}, h('button', { type: 'button', testid: 'batch-download', onclick: () => void download() }, '下载核查结果（Excel）')),
    downloaded,
  );
}

function itemRow(item: BatchItem): HTMLElement {
  const position = h('td', {}, String(item.index + 1));
  const reference = h('td', {}, item.reference ?? '—');
  if (!item.ok || !item.check) {
    const code = item.error?.code ?? '';
    return h(
      'tr',
      { testid: 'batch-item', 'data-index': item.index, 'data-ok': 'false', 'data-code': code },
      position,
      reference,
      h(
        'td',
        { colspan: 4, testid: 'batch-item-error' },
        h('span', { class: 'badge status-revoked' }, '未核查'),
        ` ${itemErrorLabels[code] ?? '未能核查'}`,
        item.error ? h('span', { class: 'meta' }, `（${item.error.message}）`) : null,
      ),
    );
  }
  const check = item.check;
  return h(
    'tr',
    { testid: 'batch-item', 'data-index': item.index, 'data-ok': 'true', 'data-check-id': check.checkId, 'data-repeated': item.repeated ? 'true' : undefined },
    position,
    reference,
    h('td', { testid: 'batch-item-subject' }, `${check.subject.name ?? '（平台无该主体信息）'} ${check.subject.id}`, item.repeated ? h('span', { class: 'meta' }, '（已核查过，返回原核查）') : null),
    h('td', { testid: 'batch-item-lists' }, listsOf(check)),
    h('td', { testid: 'batch-item-records' }, String(check.records.length)),
    h('td', { testid: 'batch-item-measures' }, measuresOf(check.measures)),
  );
}
