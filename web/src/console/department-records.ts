import { ApiError } from '../api.ts';
import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, h, loading, notice, show, type Child } from '../dom.ts';
import { recordKindLabels, statusLabels } from '../labels.ts';
import { go, href, type Route } from '../router.ts';
import { recordFormOf, recordFromValues, valuesFromRecord, type FieldValue, type FormField, type JsonSchema, type RecordForm } from '../../../shared/records/record-form.ts';

/**
 * 信用记录: the department's own records (filters, newest first), one record with its versions and each
 * correction's reason, and the entry form of every kind (新增记录) and of a correction (更正). The form's fields
 * come from the JSON Schema of `recordInput` that web/build.ts hands to the bundle, and every rule from the
 * API: POST /records/preview answers the problems (in Chinese, by field), the publication deadline and the
 * 逾期 flag as the clerk types, exactly as a push would judge them today.
 */
declare const __RECORD_INPUT_SCHEMA__: JsonSchema;

type Preview = Answer<'preview-record'>;
type ListQuery = NonNullable<CallInput<'list-records'>['query']>;
type ListedRecord = Answer<'list-records'>['records'][number];
type Kind = keyof typeof recordKindLabels;

const kinds = Object.keys(recordKindLabels) as Kind[];
const page = '/console/records';

export async function recordsPage(root: HTMLElement, route: Route): Promise<void> {
  const id = route.params.get('id');
  if (route.params.has('new')) return entryPage(root, { mode: 'new', kind: (route.params.get('kind') as Kind | null) ?? 'penalty' });
  if (id && route.params.has('correct')) return correctionPage(root, id);
  if (id) return detailPage(root, id, route.params.has('saved'));
  return listPage(root, route);
}

/* ---------- the list ---------- */

const filterNames = ['kind', 'status', 'from', 'to', 'q', 'late'] as const;

async function listPage(root: HTMLElement, route: Route): Promise<void> {
  const p = (name: string) => route.params.get(name) ?? '';
  const select = (testid: string, label: string, name: string, options: [string, string][]) =>
    labelled(label, `records-filter-${name}`, h('select', { id: `records-filter-${name}`, name, testid }, h('option', { value: '' }, '全部'), options.map(([value, text]) => h('option', { value, selected: p(name) === value }, text))));
  const form = h(
    'form',
    { class: 'panel inline', testid: 'records-filter-form', role: 'search', 'aria-label': '筛选信用记录' },
    select('records-filter-kind', '类别', 'kind', kinds.map((k) => [k, recordKindLabels[k]])),
    select('records-filter-status', '状态', 'status', Object.entries(statusLabels)),
    labelled('报送日期自', 'records-filter-from', h('input', { type: 'date', id: 'records-filter-from', name: 'from', value: p('from'), testid: 'records-filter-from' })),
    labelled('报送日期至', 'records-filter-to', h('input', { type: 'date', id: 'records-filter-to', name: 'to', value: p('to'), testid: 'records-filter-to' })),
    labelled('文书号或主体名称', 'records-filter-q', h('input', { type: 'search', id: 'records-filter-q', name: 'q', value: p('q'), maxlength: 100, testid: 'records-filter-q' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'late', value: 'true', checked: p('late') === 'true', testid: 'records-filter-late' }), ' 仅看逾期公示'),
    h('button', { type: 'submit', testid: 'records-filter-submit' }, '筛选'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    go(page, Object.fromEntries(filterNames.map((name) => [name, String(data.get(name) ?? '')])));
  });
  const list = h('section', { testid: 'records-list-section', 'aria-live': 'polite' }, loading());
  show(
    root,
    h('h1', {}, '本部门信用记录'),
    h('p', {}, h('a', { href: href(page, { new: '1' }), class: 'button', testid: 'records-new' }, '新增记录')),
    form,
    list,
  );
  const query: ListQuery = { limit: 50 };
  for (const name of filterNames) if (p(name)) (query as Record<string, string>)[name] = p(name);
  try {
    await showRecords(list, query);
  } catch (error) {
    show(list, errorBox((error as Error).message));
  }
}

async function showRecords(list: HTMLElement, query: ListQuery): Promise<void> {
  const answer = await call('list-records', { query });
  const rows = h('tbody', {}, answer.records.map(recordRow));
  const more = h('div', {});
  const showMore = (token: string | undefined) =>
    show(
      more,
      token
        ? h('button', {
            type: 'button',
            testid: 'records-more',
            onclick: async () => {
              const next = await call('list-records', { query: { ...query, nextToken: token } });
              for (const r of next.records) rows.append(recordRow(r));
              showMore(next.nextToken);
            },
          }, '加载更多')
        : null,
    );
  showMore(answer.nextToken);
  show(
    list,
    answer.records.length === 0
      ? h('p', { class: 'empty', testid: 'records-empty' }, '没有符合条件的记录。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'records-list' },
            h('caption', {}, '最近报送的在前'),
            h('thead', {}, h('tr', {}, ['决定文书号', '类别', '行政相对人', '决定日期', '报送时间', '状态', '公示期限'].map((t) => h('th', { scope: 'col' }, t)))),
            rows,
          ),
        ),
    more,
  );
}

interface Publication {
  deadline: string;
  late: boolean;
  lateByWorkingDays: number;
  provisional: boolean;
}
const publicationOf = (record: { publication: unknown }) => (record.publication ?? null) as Publication | null;

function recordRow(r: ListedRecord): HTMLElement {
  const publication = publicationOf(r);
  return h(
    'tr',
    { testid: 'records-row', 'data-record-id': r.recordId, 'data-status': r.status },
    h('td', {}, h('a', { href: href(page, { id: r.recordId }), testid: 'records-row-link' }, r.decisionNumber)),
    h('td', {}, r.kindLabel),
    h('td', {}, r.subject.name),
    h('td', {}, r.decisionDate),
    h('td', {}, String(r.receivedAt ?? '').slice(0, 10)),
    h('td', {}, h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status)),
    h('td', {}, publication ? [publication.deadline, publication.late ? h('span', { class: 'badge status-revoked', testid: 'records-row-late' }, ' 逾期') : null] : '—'),
  );
}

/* ---------- one record and its versions ---------- */

async function detailPage(root: HTMLElement, recordId: string, saved: boolean): Promise<void> {
  const { record, versions = [] } = await call('get-record', { params: { id: recordId }, query: { history: 'true' } });
  const full = record as ListedRecord;
  const publication = publicationOf(full);
  show(
    root,
    h('p', {}, h('a', { href: href(page), testid: 'record-detail-back' }, '← 本部门信用记录')),
    h('h1', { testid: 'record-detail-title' }, `${full.kindLabel} ${full.decisionNumber}`),
    saved ? notice('已保存。', 'record-detail-saved') : null,
    facts([
      ['状态', h('span', { class: `badge status-${full.status}`, 'data-status': full.status }, statusLabels[full.status] ?? full.status), 'record-detail-status'],
      ['行政相对人', `${full.subject.name} ${full.subject.id}`, 'record-detail-subject'],
      ['决定日期', full.decisionDate, 'record-detail-decision-date'],
      ['当前版本', String(full.version), 'record-detail-version'],
      ['公示期限', publication ? publicationText(publication) : '—', 'record-detail-deadline'],
      ['不予公示', full.withheld ? `${full.withheld.label}（${full.withheld.source}）` : '否', 'record-detail-withheld'],
    ]),
    full.status === 'revoked' || full.status === 'repaired' ? null : h('p', {}, h('a', { href: href(page, { id: recordId, correct: '1' }), testid: 'record-correct' }, '更正此记录')),
    h('h2', {}, `版本（${versions.length}）`),
    h(
      'ol',
      { class: 'history', testid: 'record-versions' },
      versions.map((v) => {
        const correction = (v as { correction?: { reason: string; previousVersion: number } }).correction;
        return h(
          'li',
          { testid: 'record-version', 'data-version': v.version, class: 'card' },
          h('strong', {}, `第 ${v.version} 版`),
          ` 报送于 ${String((v as { receivedAt?: string }).receivedAt ?? '').replace('T', ' ').slice(0, 19)}`,
          correction ? h('p', {}, '更正原因：', h('span', { testid: 'record-version-reason' }, correction.reason)) : h('p', { class: 'hint' }, '首次报送'),
        );
      }),
    ),
  );
}

const publicationText = (p: Publication) =>
  `${p.deadline}${p.provisional ? '（暂定：所跨年度节假日尚未公布）' : ''}${p.late ? `，逾期 ${p.lateByWorkingDays} 个工作日` : '，未逾期'}`;

/* ---------- the entry form: new record, correction ---------- */

const schema = (): JsonSchema => __RECORD_INPUT_SCHEMA__;
const kebab = (path: string) => path.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const controlId = (path: string) => `entry-${kebab(path)}`;

interface Correction {
  recordId: string;
  version: number;
  publication: Publication | null;
}

async function correctionPage(root: HTMLElement, recordId: string): Promise<void> {
  const { record } = await call('get-record', { params: { id: recordId } });
  const full = record as ListedRecord;
  const details = (full.details ?? {}) as Record<string, unknown>;
  entryPage(root, { mode: 'correct', kind: full.kind as Kind, initial: valuesFromRecord(details), correction: { recordId, version: full.version, publication: publicationOf(full) }, title: `更正 ${full.kindLabel} ${full.decisionNumber}` });
}

function entryPage(root: HTMLElement, options: { mode: 'new' | 'correct'; kind: Kind; initial?: Map<string, FieldValue>; correction?: Correction; title?: string }): void {
  const form = recordFormOf(schema(), options.kind) ?? recordFormOf(schema(), 'penalty')!;
  const correcting = options.mode === 'correct';
  const kindSelect = h(
    'select',
    { id: 'entry-kind', testid: 'entry-kind', disabled: correcting },
    kinds.map((k) => h('option', { value: k, selected: k === form.kind }, recordKindLabels[k])),
  );
  kindSelect.addEventListener('change', () => go(page, { new: '1', kind: kindSelect.value }));

  const summary = h('div', { testid: 'entry-problems', role: 'alert', 'aria-live': 'assertive' });
  const outlook = h('section', { testid: 'entry-outlook', 'aria-live': 'polite', 'aria-label': '公示期限与逾期' });
  const result = h('div', { testid: 'entry-result', 'aria-live': 'polite' });
  const reason = correcting
    ? labelled('更正原因', 'entry-reason', h('textarea', { id: 'entry-reason', rows: 2, required: true, maxlength: 1000, testid: 'entry-reason', 'aria-required': 'true' }))
    : null;
  const checkButton = h('button', { type: 'button', class: 'secondary', testid: 'entry-check' }, '检查');
  const submit = h('button', { type: 'submit', testid: 'entry-submit' }, correcting ? '提交更正' : '提交');
  const element = h(
    'form',
    { class: 'panel', testid: 'entry-form', 'data-kind': form.kind, novalidate: true, 'aria-label': options.title ?? '新增信用记录' },
    labelled('记录类别', 'entry-kind', kindSelect),
    form.fields.map((f) => renderField(f, options.initial, correcting)),
    reason,
    summary,
    outlook,
    h('div', { class: 'inline' }, checkButton, ' ', submit),
    result,
  );

  const values = (path: string): FieldValue | undefined => {
    const id = controlId(path);
    const boxes = element.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][data-field="${id}"]`);
    if (boxes.length) return [...boxes].filter((b) => b.checked).map((b) => b.value);
    const control = element.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`);
    return control ? control.value : undefined;
  };
  const record = () => recordFromValues(form, values);

  let ticket = 0;
  let last: Preview | undefined;
  const preview = async (): Promise<Preview | undefined> => {
    const mine = ++ticket;
    try {
      const answer = await call('preview-record', { body: record() as { kind: string } });
      if (mine !== ticket) return undefined;
      last = answer;
      showPreview(element, form, summary, outlook, answer, options.correction);
      return answer;
    } catch (error) {
      if (mine === ticket) show(summary, errorBox((error as Error).message));
      return undefined;
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void preview(), 600);
  };
  element.addEventListener('input', soon);
  element.addEventListener('change', soon);
  element.addEventListener('focusout', (event) => {
    if ((event.target as HTMLElement).matches('input, select, textarea')) {
      clearTimeout(timer);
      void preview();
    }
  });
  checkButton.addEventListener('click', () => void preview());

  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const checked = await preview();
    if (!checked) return;
    if (!checked.valid) {
      summary.focus();
      return;
    }
    submit.disabled = true;
    try {
      if (options.correction) {
        const reasonText = (element.querySelector<HTMLTextAreaElement>('#entry-reason')?.value ?? '').trim();
        if (!reasonText) {
          show(result, errorBox('更正原因：必须填写'));
          return;
        }
        await call('correct-record', { params: { id: options.correction.recordId }, body: { record: record() as never, reason: reasonText, expectedVersion: options.correction.version } });
        go(page, { id: options.correction.recordId, saved: '1' });
      } else {
        const stored = (await call('push-records', { body: record() as { kind: string } })) as unknown as { recordId: string };
        go(page, { id: stored.recordId, saved: '1' });
      }
    } catch (error) {
      show(result, submitError(error, last, options.correction));
    } finally {
      submit.disabled = false;
    }
  });

  show(
    root,
    h('p', {}, h('a', { href: href(page), testid: 'entry-back' }, '← 本部门信用记录')),
    h('h1', {}, options.title ?? '新增信用记录'),
    h('p', { class: 'hint' }, '带 * 的为必填项。填写时平台按报送规则检查，并提示公示期限和是否逾期；提交前不会保存。'),
    element,
  );
  if (correcting) void preview();
}

function submitError(error: unknown, last: Preview | undefined, correction: Correction | undefined): HTMLElement {
  const message = (error as Error).message;
  if (error instanceof ApiError && error.status === 409) {
    if (correction)
      return h('div', { class: 'error', role: 'alert', testid: 'entry-stale' }, `记录已被更新或正在处理异议，未保存：${message} `, h('a', { href: href(page, { id: correction.recordId }) }, '重新打开记录'));
    const existing = last?.recordId ?? /rec_[A-Za-z0-9_-]{22}/.exec(message)?.[0];
    return h(
      'div',
      { class: 'error', role: 'alert', testid: 'entry-conflict' },
      `本部门已报送同一决定文书号、内容不同的记录，未保存。`,
      existing ? [' ', h('a', { href: href(page, { id: existing, correct: '1' }), testid: 'entry-conflict-link' }, '更正已有记录')] : null,
    );
  }
  return errorBox(message);
}

/** Shows the preview: each problem beside its field (and in the summary, with a link to it), the deadline, 逾期, publicity, 不予公示. */
function showPreview(element: HTMLFormElement, form: RecordForm, summary: HTMLElement, outlook: HTMLElement, answer: Preview, correction: Correction | undefined): void {
  for (const box of element.querySelectorAll<HTMLElement>('[data-error-for]')) show(box);
  for (const control of element.querySelectorAll<HTMLElement>('[aria-invalid]')) control.removeAttribute('aria-invalid');
  const byField = new Map<string, string[]>();
  const paths = pathsOf(form.fields);
  for (const p of answer.problems) {
    // A problem on an object (a missing group, an unknown key) goes to the nearest field the form has.
    let path = p.field;
    while (path && !paths.has(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const list = byField.get(path) ?? [];
    list.push(p.message);
    byField.set(path, list);
  }
  for (const [path, messages] of byField) {
    const box = path ? element.querySelector<HTMLElement>(`[data-error-for="${controlId(path)}"]`) : null;
    if (!box) continue;
    show(box, messages.join('；'));
    element.querySelector(`#${controlId(path)}`)?.setAttribute('aria-invalid', 'true');
  }
  show(
    summary,
    answer.problems.length
      ? h(
          'div',
          { class: 'error', tabindex: -1 },
          h('p', {}, `有 ${answer.problems.length} 处需要修改：`),
          h('ul', {}, answer.problems.map((p) => h('li', { testid: 'entry-problem', 'data-field': p.field }, p.message))),
        )
      : null,
  );
  const publication = correction ? correction.publication : answer.publication;
  const lines: Child[] = [];
  if (publication)
    lines.push(
      h('p', { testid: 'entry-deadline', 'data-deadline': publication.deadline }, `公示期限：${publication.deadline}${publication.provisional ? '（暂定）' : ''}${correction ? '（按首次报送日确定，更正不改变）' : ''}`),
      publication.late
        ? h('p', { class: 'warn', role: 'alert', testid: 'entry-late', 'data-late-by': publication.lateByWorkingDays }, `逾期：已超过公示期限 ${publication.lateByWorkingDays} 个工作日${correction ? '' : '，今天报送将记为逾期公示'}`)
        : h('p', { class: 'ok', testid: 'entry-on-time' }, '未逾期'),
    );
  if (answer.publicity) lines.push(h('p', { testid: 'entry-publicity' }, `公示期：${answer.publicity.publicFrom} 至 ${answer.publicity.publicUntil ?? '长期'}`));
  if (answer.withheld) lines.push(h('p', { class: 'warn', testid: 'entry-withheld' }, `不予公示：${answer.withheld.label}（${answer.withheld.source}）`));
  if (!correction && answer.existing)
    lines.push(
      h('p', { class: 'warn', testid: 'entry-existing' }, `本部门已报送该决定文书号的记录（第 ${answer.existing.version} 版）。`, h('a', { href: href(page, { id: answer.existing.recordId, correct: '1' }) }, '更正已有记录')),
    );
  if (answer.valid) lines.push(h('p', { class: 'ok', testid: 'entry-valid' }, '检查通过，可以提交。'));
  show(outlook, lines);
}

function pathsOf(fields: readonly FormField[]): Set<string> {
  const all = new Set<string>();
  for (const f of fields) {
    all.add(f.path);
    if (f.control === 'group') for (const p of pathsOf(f.fields)) all.add(p);
  }
  return all;
}

/** A label for a control, by `for`. */
function labelled(text: string, id: string, control: HTMLElement, required = false, hintId?: string, hint?: string, errorId?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, class: 'label' }, text, required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('small', { class: 'hint', id: hintId }, hint) : null,
    errorId ? h('small', { class: 'field-error', id: errorId, 'data-error-for': id, testid: `${id}-error` }) : null,
  );
}

/** One field of the form, as its schema says: a fieldset for an object, a select, boxes, a date, a number, text. */
function renderField(f: FormField, initial: Map<string, FieldValue> | undefined, correcting: boolean): HTMLElement {
  const id = controlId(f.path);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [f.hint ? hintId : '', errorId].filter(Boolean).join(' ');
  const value = initial?.get(f.path);
  const text = typeof value === 'string' ? value : '';
  // Kind and decision number identify a record: a correction cannot change them (correct-record.ts).
  const fixed = correcting && f.path === 'decisionNumber';
  const common = { id, name: f.path, testid: id, 'aria-describedby': describedBy, 'aria-required': f.required ? 'true' : undefined, readonly: fixed || undefined };
  switch (f.control) {
    case 'group':
      return h(
        'fieldset',
        { testid: id, 'aria-describedby': describedBy },
        h('legend', {}, f.label, f.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
        f.hint ? h('small', { class: 'hint', id: hintId }, f.hint) : null,
        h('small', { class: 'field-error', id: errorId, 'data-error-for': id, testid: `${id}-error` }),
        f.fields.map((inner) => renderField(inner, initial, correcting)),
      );
    case 'checkboxes': {
      const ticked = new Set(Array.isArray(value) ? value : []);
      return h(
        'fieldset',
        { testid: id, id, 'aria-describedby': describedBy },
        h('legend', {}, f.label, f.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
        f.options.map((o) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: o.value, checked: ticked.has(o.value), 'data-field': id, testid: `${id}-option`, 'data-value': o.value }), ` ${o.label}`)),
        f.hint ? h('small', { class: 'hint', id: hintId }, f.hint) : null,
        h('small', { class: 'field-error', id: errorId, 'data-error-for': id, testid: `${id}-error` }),
      );
    }
    case 'select':
      return labelled(f.label, id, h('select', common, h('option', { value: '' }, f.required ? '请选择' : '（不填）'), f.options.map((o) => h('option', { value: o.value, selected: o.value === text }, o.label))), f.required, hintId, f.hint, errorId);
    case 'boolean':
      return labelled(f.label, id, h('select', common, h('option', { value: '' }, '（不填）'), h('option', { value: 'true', selected: text === 'true' }, '是'), h('option', { value: 'false', selected: text === 'false' }, '否')), f.required, hintId, f.hint, errorId);
    case 'date':
      return labelled(f.label, id, h('input', { ...common, type: 'date', value: text }), f.required, hintId, f.hint, errorId);
    case 'number':
      return labelled(f.label, id, h('input', { ...common, type: 'number', inputmode: 'decimal', step: '0.01', min: f.min, max: f.max, value: text }), f.required, hintId, f.hint, errorId);
    case 'textarea':
      return labelled(f.label, id, h('textarea', { ...common, rows: 3, maxlength: f.maxLength, value: text }), f.required, hintId, f.hint, errorId);
    case 'text':
      return labelled(f.label, id, h('input', { ...common, type: 'text', maxlength: f.maxLength, value: text, autocomplete: 'off' }), f.required, hintId, f.hint, errorId);
  }
}
