import { call, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { type Route } from '../router.ts';
import { postToS3 } from '../upload.ts';
import { filingContentTypes, type FilingContentType } from '../../../shared/filings/content-types.ts';

/**
 * 工作总结与制度措施报送: what the county's notice asks the department to file (工作总结, 制度、政策和措施) and by
 * when, the upload of a document (PDF or Word) straight to S3 with its metadata, and the department's filings:
 * every revision kept, on time or late, each downloadable.
 */
type Listing = Answer<'list-filings'>;
type Due = Listing['due'][number];

export const filingStateLabels: Record<Due['state'], string> = { onTime: '按时报送', late: '逾期报送', missing: '未报送', notYetDue: '未到期' };
export const filingStateClass: Record<Due['state'], string> = { onTime: ' status-active', late: ' status-revoked', missing: ' status-revoked', notYetDue: '' };
const typeByExtension: Record<string, FilingContentType> = Object.fromEntries(Object.entries(filingContentTypes).map(([type, ext]) => [ext, type as FilingContentType]));

export async function filingsPage(root: HTMLElement, route: Route, _caller?: unknown, saved?: Child): Promise<void> {
  const year = Number(route.params.get('year')) || undefined;
  show(root, h('h1', {}, '工作总结与制度措施报送'), loading());
  let listing: Listing;
  try {
    listing = await call('list-filings', { query: year ? { year } : {} });
  } catch (error) {
    return show(root, h('h1', {}, '工作总结与制度措施报送'), errorBox((error as Error).message));
  }
  const again = (note: Child) => filingsPage(root, route, undefined, note);
  if (listing.kinds.length === 0) {
    return show(root, h('h1', {}, '工作总结与制度措施报送'), h('p', { class: 'empty', testid: 'filings-none' }, '本县通知未要求各部门按期报送工作总结或制度、政策和措施。'));
  }
  show(
    root,
    h('h1', {}, '工作总结与制度措施报送'),
    h('p', { class: 'hint' }, '按本县通知的要求，在截止日前上传书面材料（PDF 或 Word）。同一期次再次上传为修订版，历次版本均保留；是否按时以首次报送日期为准。'),
    h(
      'ul',
      { testid: 'filing-kinds' },
      listing.kinds.map((k) => h('li', {}, h('strong', {}, k.name), `：${k.contains}（依据：${k.source}${k.dueSource ? `；报送日期：${k.dueSource}` : ''}）`)),
    ),
    saved ? h('div', { 'aria-live': 'polite' }, saved) : null,
    h('h2', {}, `${listing.year}年应报送`),
    dueTable(listing.due),
    h('h2', {}, '上传材料'),
    uploadForm(listing, again),
    h('h2', {}, '本部门的报送'),
    filingsList(listing.filings),
  );
}

function dueTable(due: Due[]): HTMLElement {
  return h(
    'table',
    { testid: 'filings-due' },
    h('caption', {}, '应报送的期次'),
    h('thead', {}, h('tr', {}, ['材料', '期次', '截止日', '状态', '报送日期', '版本'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      due.map((d) =>
        h(
          'tr',
          { testid: 'filing-due', 'data-period': d.period, 'data-kind': d.kind, 'data-state': d.state },
          h('td', {}, d.kindName),
          h('td', {}, `${d.periodName}（${d.period}）`),
          h('td', {}, d.dueDay),
          h('td', {}, h('span', { class: `badge${filingStateClass[d.state]}`, testid: 'filing-due-state' }, filingStateLabels[d.state])),
          h('td', {}, d.filedOn ?? '—'),
          h('td', {}, String(d.revisions)),
        ),
      ),
    ),
  );
}

function uploadForm(listing: Listing, again: (note: Child) => Promise<void>): HTMLElement {
  const message = h('div', { 'aria-live': 'polite', testid: 'filing-message' });
  const progress = h('progress', { max: 100, value: 0, testid: 'filing-upload-progress', 'aria-label': '上传进度' });
  // Open periods: those not yet filed first, then the rest (a revision).
  const periods = [...listing.due].sort((a, b) => Number(a.revisions > 0) - Number(b.revisions > 0) || a.dueDay.localeCompare(b.dueDay));
  const form = h(
    'form',
    { class: 'panel', testid: 'filing-form' },
    field(
      '期次',
      h('select', { testid: 'filing-period', required: true }, periods.map((d) => h('option', { value: `${d.kind}|${d.period}` }, `${d.periodName}（截止 ${d.dueDay}${d.revisions ? '，已报送，再传为修订版' : ''}）`))),
    ),
    field('标题', h('input', { type: 'text', maxlength: 200, required: true, testid: 'filing-title' })),
    field('内容摘要', h('textarea', { rows: 3, maxlength: 4000, required: true, testid: 'filing-summary' })),
    field('成文日期', h('input', { type: 'date', required: true, testid: 'filing-document-date' })),
    field('文件（PDF、.doc 或 .docx）', h('input', { type: 'file', accept: '.pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document', required: true, testid: 'filing-file' }), `不超过 ${Math.floor(listing.maxBytes / 1024 / 1024)} MB`),
    h('button', { type: 'submit', testid: 'filing-submit' }, '上传并报送'),
    h('div', { class: 'progress' }, progress),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = (form.querySelector('[data-testid="filing-file"]') as HTMLInputElement).files?.[0];
    if (!file) return show(message, errorBox('请选择要上传的文件'));
    const contentType = typeByExtension[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!contentType) return show(message, errorBox('只接受 PDF、.doc 或 .docx 文件'));
    const [kind, period] = valueOf(form, 'filing-period').split('|') as [string, string];
    try {
      const announced = await call('create-filing-upload', { body: { fileName: file.name, contentType, bytes: file.size } });
      show(message, h('p', {}, '上传中…'));
      await postToS3(announced.upload.url, announced.upload.fields, file, file.name, (loaded, total) => (progress.value = Math.round((loaded / total) * 100)));
      const filed = await call('confirm-filing', {
        body: { uploadId: announced.uploadId, kind, period, title: valueOf(form, 'filing-title'), summary: valueOf(form, 'filing-summary'), documentDate: valueOf(form, 'filing-document-date') },
      });
      await again(notice(`已报送：${filed.periodName}（第 ${filed.revision} 版，${filed.late ? '逾期' : '按时'}）`, 'filing-saved'));
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  return form;
}

function filingsList(filings: Listing['filings']): HTMLElement {
  if (filings.length === 0) return h('p', { class: 'empty', testid: 'filings-empty' }, '尚未报送材料。');
  return h(
    'ol',
    { class: 'notices', testid: 'filings-list' },
    filings.map((f) =>
      h(
        'li',
        { testid: 'filing', 'data-period': f.period, 'data-revision': String(f.revision) },
        h('h3', {}, `${f.periodName} · 第 ${f.revision} 版 `, h('span', { class: `badge${f.late ? ' status-revoked' : ' status-active'}` }, f.late ? '逾期' : '按时')),
        facts([
          ['标题', f.title, 'filing-title-shown'],
          ['内容摘要', f.summary],
          ['成文日期', f.documentDate],
          ['报送日期', f.filedOn],
          ['截止日', f.dueDay],
          ['文件', `${f.fileName}（${Math.ceil(f.bytes / 1024)} KB）`],
        ]),
        downloadButton({ kind: f.kind, period: f.period, revision: f.revision }),
      ),
    ),
  );
}

/** A button that asks for a short-lived link to the document and shows it. */
export function downloadButton(target: { kind: string; period: string; revision?: number; department?: string }): HTMLElement {
  const status = h('span', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', testid: 'filing-download' }, '下载');
  button.addEventListener('click', async () => {
    try {
      const link = await call('get-filing-document', {
        params: { kind: target.kind, period: target.period },
        query: { ...(target.revision ? { revision: target.revision } : {}), ...(target.department ? { department: target.department } : {}) },
      });
      // The link is another origin's (S3) and short-lived: shown to open in a new tab, not kept.
      show(status, ' ', h('a', { href: link.url, target: '_blank', rel: 'noopener', testid: 'filing-download-link' }, `打开 ${link.fileName}（${Math.round(link.expiresInSeconds / 60)} 分钟内有效）`));
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  });
  return h('span', {}, button, status);
}
