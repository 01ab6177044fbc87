import { usageLogProof } from './log-receipt.ts';
import { ApiError } from '../api.ts';
import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, h, loading, notice, show, type Child } from '../dom.ts';
import { caseStateLabels, recordKindLabels } from '../labels.ts';
import { go, href, type Route } from '../router.ts';
import { fieldLabelOf, recordFormOf, recordFromValues, valuesFromRecord, type FieldValue, type FormField, type JsonSchema, type RecordForm } from '../../../shared/records/record-form.ts';
import type { ConsoleSection } from './common.ts';
import {
  answerOf,
  checkedValue,
  clearFieldErrors,
  evidenceList,
  historyList,
  labelledControl,
  outcomeLabels,
  radioGroup,
  repairTextOf,
  showFieldError,
  type Case,
} from './case-views.ts';

/**
 * A department's case work (shared/cases): the objections to its records (异议核查) it verifies and answers
 * as upheld, corrected (the record's fields, in the form of its kind) or revoked; the credit repair
 * applications (信用修复) on its records it approves or refuses; and the correction notices of its own
 * checks (核查更正通知), where a record a check relied on was later corrected, revoked or repaired.
 */
export const departmentCaseSections: ConsoleSection[] = [
  { path: 'objections', label: '异议核查', page: (root, route) => objectionsPage(root, route) },
  { path: 'repairs', label: '信用修复审核', page: (root, route) => repairsPage(root, route) },
  { path: 'corrections', label: '核查更正通知', page: (root, route) => correctionsPage(root, route) },
];

declare const __RECORD_INPUT_SCHEMA__: JsonSchema;

type CaseState = NonNullable<NonNullable<CallInput<'list-objections'>['query']>['state']>;
type ObjectionOutcome = CallInput<'answer-objection'>['body']['outcome'];
type RepairOutcome = CallInput<'decide-repair'>['body']['outcome'];
type Check = Answer<'get-check'>;
type Correction = NonNullable<Check['corrections']>[number];

const kindLabel = (kind: string) => recordKindLabels[kind as keyof typeof recordKindLabels] ?? kind;
const answerable = (c: Case) => !answerOf(c) && (c.state === 'verifying' || c.state === 'overdue');
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN');

/* ---------- the queues: objections and repairs ---------- */

async function casesList(root: HTMLElement, route: Route, type: 'objection' | 'repair'): Promise<void> {
  const base = type === 'objection' ? '/console/objections' : '/console/repairs';
  const state = route.params.get('state') ?? '';
  const select = h(
    'select',
    { id: `${type}-filter-state`, testid: `${type}-filter-state` },
    h('option', { value: '' }, '全部'),
    Object.entries(caseStateLabels).map(([value, label]) => h('option', { value, selected: value === state }, label)),
  );
  const filter = h(
    'form',
    { class: 'panel inline', role: 'search', 'aria-label': '按状态筛选' },
    h('div', { class: 'field' }, h('label', { for: `${type}-filter-state`, class: 'label' }, '状态'), select),
    h('button', { type: 'submit', testid: `${type}-filter-submit` }, '筛选'),
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    go(base, { state: select.value });
  });
  const list = h('section', { 'aria-live': 'polite' }, loading());
  show(
    root,
    h('h1', {}, type === 'objection' ? '异议核查' : '信用修复审核'),
    h(
      'p',
      { class: 'hint' },
      type === 'objection'
        ? '对本部门提供的信用记录提出的异议。请在答复期限内核查，作出维持、更正或撤销的答复；异议期间依据该记录的惩戒措施中止。'
        : '对本部门提供的信用记录提出的信用修复申请。请核查主体的信用承诺、整改情况和证明材料，在答复期限内决定是否同意修复。',
    ),
    filter,
    list,
  );
  const query = { limit: 50, ...(state ? { state: state as CaseState } : {}) };
  const rows = h('tbody', {});
  const more = h('div', {});
  const load = async (nextToken?: string) => {
    const answer = type === 'objection' ? await call('list-objections', { query: { ...query, nextToken } }) : await call('list-repairs', { query: { ...query, nextToken } });
    for (const c of answer.cases) rows.append(caseRow(c, base, type));
    show(more, answer.nextToken ? h('button', { type: 'button', testid: `${type}s-more`, onclick: () => void load(answer.nextToken) }, '加载更多') : null);
    return answer.cases.length;
  };
  const count = await load();
  show(
    list,
    count === 0 && !rows.childElementCount
      ? h('p', { class: 'empty', testid: `${type}s-empty` }, type === 'objection' ? '没有符合条件的异议。' : '没有符合条件的修复申请。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: `${type}s-list` },
            h('caption', {}, '最近提出的在前'),
            h('thead', {}, h('tr', {}, ['编号', '记录', '主体', '状态', '答复期限', '提出时间'].map((t) => h('th', { scope: 'col' }, t)))),
            rows,
          ),
        ),
    more,
  );
}

function caseRow(c: Case, base: string, type: 'objection' | 'repair'): HTMLElement {
  return h(
    'tr',
    { testid: type, 'data-case-id': c.caseId, 'data-state': c.state },
    h('td', {}, h('a', { href: href(`${base}/${c.caseId}`), testid: `${type}-link` }, c.caseId)),
    h('td', {}, `${kindLabel(c.record.kind)} ${c.record.decisionNumber}`),
    h('td', {}, c.subject.name),
    h('td', {}, h('span', { class: `badge${c.state === 'overdue' ? ' status-revoked' : ''}` }, caseStateLabels[c.state] ?? c.state)),
    h('td', {}, c.answerBy ?? '—'),
    h('td', {}, when(c.raisedAt)),
  );
}

/** The facts every case shows its provider: the record (linked to the department's record page), the subject, the days. */
function caseFacts(c: Case, prefix: string): HTMLElement {
  return facts([
    ['编号', c.caseId, `${prefix}-id`],
    ['记录', h('a', { href: href('/console/records', { id: c.record.recordId }), testid: `${prefix}-record` }, `${kindLabel(c.record.kind)} ${c.record.decisionNumber}（第 ${c.record.version} 版）`), undefined],
    ['主体', `${c.subject.name} ${c.subject.id}`, `${prefix}-subject`],
    ['状态', caseStateLabels[c.state] ?? c.state, `${prefix}-state`],
    ['提出时间', when(c.raisedAt), undefined],
    ['答复期限', c.answerBy ?? '（流程受理后确定）', `${prefix}-answer-by`],
    [c.caseType === 'repair' ? '申请理由' : '异议理由', c.reason, `${prefix}-reason`],
  ]);
}

/** What the answer was, once there is one. */
function answerShown(c: Case, prefix: string): Child {
  const answer = answerOf(c);
  if (!answer) return null;
  const fields = answer.correctedFields ? Object.keys(answer.correctedFields) : [];
  return h(
    'section',
    { class: 'panel', testid: `${prefix}-answer`, 'data-outcome': answer.outcome },
    h('h2', {}, c.caseType === 'repair' ? '决定' : '核查答复'),
    facts([
      ['结论', outcomeLabels[answer.outcome] ?? answer.outcome, `${prefix}-answer-outcome`],
      ['理由', answer.reasoning, `${prefix}-answer-reasoning`],
      ...(fields.length ? ([['更正的项', fields.map((f) => fieldLabelOf(__RECORD_INPUT_SCHEMA__, c.record.kind, f)).join('、'), `${prefix}-answer-fields`]] as [string, string, string][]) : []),
      ['答复时间', answer.answeredAt ? when(answer.answeredAt) : '', undefined],
    ]),
    c.state === 'answered' ? h('p', { class: 'hint', testid: `${prefix}-applying` }, '答复已保存，正在生效（更新记录、通知核查过该记录的部门和主体）。') : null,
  );
}

/* ---------- objections ---------- */

async function objectionsPage(root: HTMLElement, route: Route): Promise<void> {
  const caseId = route.segments[2];
  if (!caseId) return casesList(root, route, 'objection');
  show(root, loading());
  const c = await call('get-objection', { params: { id: caseId } });
  show(
    root,
    h('p', {}, h('a', { href: href('/console/objections'), testid: 'dept-objection-back' }, '← 异议核查')),
    h('h1', {}, `异议核查 ${c.record.decisionNumber}`),
    route.params.has('answered') ? notice('答复已提交。', 'dept-objection-answered') : null,
    h(
      'div',
      { testid: 'dept-objection', 'data-case-id': c.caseId, 'data-state': c.state },
      caseFacts(c, 'dept-objection'),
      h('h2', {}, `证明材料（${c.evidence.length}）`),
      evidenceList(c.evidence, 'dept-objection-evidence'),
      answerShown(c, 'dept-objection'),
      answerable(c) ? await objectionAnswerForm(c) : null,
      h('h2', {}, '办理过程'),
      historyList(c, 'dept-objection-history'),
    ),
  );
}

/** Fields a correction through an objection may not change (answer-case.ts): the record's identity and the subject's codes. */
const fixedPaths = new Set(['decisionNumber', 'subject.uscc', 'subject.residentId', 'subject.legalRepresentativeIdNumber']);
const kebab = (path: string) => path.replace(/\./g, '-').replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
const controlId = (path: string) => `correction-${kebab(path)}`;

function withoutFixed(fields: readonly FormField[]): FormField[] {
  return fields.filter((f) => !fixedPaths.has(f.path)).map((f) => (f.control === 'group' ? { ...f, fields: withoutFixed(f.fields) } : f));
}

async function objectionAnswerForm(c: Case): Promise<HTMLElement> {
  const { record } = await call('get-record', { params: { id: c.record.recordId } });
  const details = ((record as { details?: unknown }).details ?? {}) as Record<string, unknown>;
  const full = recordFormOf(__RECORD_INPUT_SCHEMA__, c.record.kind);
  const form: RecordForm | undefined = full && { ...full, fields: withoutFixed(full.fields) };
  const initial = valuesFromRecord(details);
  const message = h('div', { 'aria-live': 'polite' });
  const correction = h(
    'fieldset',
    { id: 'correction-fields', testid: 'correction-fields', hidden: true, 'aria-describedby': 'correction-fields-hint correction-fields-error' },
    h('legend', {}, `更正后的记录内容（${kindLabel(c.record.kind)}）`),
    h('small', { class: 'hint', id: 'correction-fields-hint' }, '改动需要更正的项，其余保持不变。决定文书号和主体代码不能通过异议更正。'),
    h('small', { class: 'field-error', id: 'correction-fields-error', 'data-error-for': 'correction-fields', testid: 'correction-fields-error' }),
    form ? form.fields.map((f) => correctionField(f, initial)) : h('p', { class: 'warn' }, '该类记录没有可更正的表单，请先撤销再重新报送。'),
  );
  const element = h(
    'form',
    { class: 'panel', testid: 'objection-answer-form', novalidate: true, 'aria-label': '核查答复' },
    h('h2', {}, '核查答复'),
    radioGroup('核查结论', 'answer-outcome', 'outcome', [
      ['upheld', '维持（记录无误）'],
      ['corrected', '更正（记录部分内容有误）'],
      ['revoked', '撤销（记录不应存在）'],
    ]),
    correction,
    labelledControl('核查意见', 'answer-reasoning', h('textarea', { id: 'answer-reasoning', rows: 4, maxlength: 4000, testid: 'answer-reasoning', 'aria-required': 'true', 'aria-describedby': 'answer-reasoning-hint answer-reasoning-error' }), {
      required: true,
      hint: '写明核查经过和结论的依据，将告知异议人。',
    }),
    h('button', { type: 'submit', testid: 'answer-submit' }, '提交答复'),
    message,
  );
  element.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'outcome') correction.hidden = checkedValue(element, 'outcome') !== 'corrected';
  });

  const valueAt = (path: string): FieldValue | undefined => {
    const id = controlId(path);
    const boxes = element.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][data-field="${id}"]`);
    if (boxes.length) return [...boxes].filter((b) => b.checked).map((b) => b.value);
    return element.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`)?.value;
  };
  const paths = form ? pathsOf(form.fields) : new Set<string>();
  /** The nearest control the form has for a record field's path (`subject.name`, `penaltyCategories`). */
  const nearest = (path: string) => {
    let p = path;
    while (p && !paths.has(p)) p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    return p ? controlId(p) : 'correction-fields';
  };
  const controlOf = (field: string) => {
    if (field === 'body.reasoning') return 'answer-reasoning';
    if (field === 'body.outcome') return 'answer-outcome';
    if (field === 'body.correctedFields') return 'correction-fields';
    if (field.startsWith('body.correctedFields.')) return nearest(field.slice('body.correctedFields.'.length));
    return undefined;
  };

  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(element, message);
    const outcome = checkedValue(element, 'outcome') as ObjectionOutcome | '';
    const reasoning = (element.querySelector<HTMLTextAreaElement>('#answer-reasoning')?.value ?? '').trim();
    const errors: [string, string][] = [];
    if (!outcome) errors.push(['answer-outcome', '请选择核查结论。']);
    if (!reasoning) errors.push(['answer-reasoning', '请填写核查意见。']);
    let correctedFields: Record<string, unknown> | undefined;
    if (outcome === 'corrected' && form) {
      const { changed, cleared } = correctionOf(recordFromValues(form, (p) => initial.get(p)), recordFromValues(form, valueAt));
      for (const path of cleared) errors.push([nearest(path), '异议答复中不能清空此项：如需删除，请在异议办结后更正记录。']);
      if (Object.keys(changed).length === 0 && cleared.length === 0) errors.push(['correction-fields', '请至少修改一项需要更正的内容。']);
      correctedFields = changed;
    }
    if (errors.length) {
      for (const [id, text] of errors) markError(element, id, text);
      element.querySelector<HTMLElement>(`#${errors[0]![0]}`)?.focus();
      return;
    }
    try {
      await call('answer-objection', { params: { id: c.caseId }, body: { outcome: outcome as ObjectionOutcome, reasoning, ...(correctedFields ? { correctedFields } : {}) } });
      go(`/console/objections/${c.caseId}`, { answered: '1' });
    } catch (error) {
      // A correction the record's rules refuse: the rule in Chinese, as the entry form says it (POST /records/preview).
      const field = error instanceof ApiError ? error.field : undefined;
      if (field?.startsWith('body.correctedFields.') && form && correctedFields) {
        const said = await chineseRule(details, correctedFields, c.record.kind, field.slice('body.correctedFields.'.length));
        if (said) return markError(element, nearest(field.slice('body.correctedFields.'.length)), said);
      }
      showFieldError(element, error, controlOf, message, (f) => f.replace(/^body\./, ''));
    }
  });
  return element;
}

function markError(form: HTMLElement, id: string, text: string): void {
  const box = form.querySelector<HTMLElement>(`[data-error-for="${id}"]`);
  if (box) show(box, text);
  form.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
}

/**
 * What changes between the record as stored and as the clerk left the form: top-level fields whole, the
 * subject field by field (the API merges it so); a field emptied is named, for a correction cannot remove one.
 */
function correctionOf(before: Record<string, unknown>, after: Record<string, unknown>): { changed: Record<string, unknown>; cleared: string[] } {
  const changed: Record<string, unknown> = {};
  const cleared: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'kind') continue;
    if (!(key in after)) {
      cleared.push(key);
      continue;
    }
    if (key === 'subject' && before.subject && typeof before.subject === 'object' && typeof after.subject === 'object') {
      const was = before.subject as Record<string, unknown>;
      const now = after.subject as Record<string, unknown>;
      const subject: Record<string, unknown> = {};
      for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (!(name in now)) cleared.push(`subject.${name}`);
        else if (!same(was[name], now[name])) subject[name] = now[name];
      }
      if (Object.keys(subject).length) changed.subject = subject;
      continue;
    }
    if (!same(before[key], after[key])) changed[key] = after[key];
  }
  return { changed, cleared };
}

/** The rule a field breaks, in Chinese, from the preview of the corrected record (the entry form's words). */
async function chineseRule(details: Record<string, unknown>, correctedFields: Record<string, unknown>, kind: string, path: string): Promise<string | undefined> {
  const subject = { ...((details.subject as Record<string, unknown>) ?? {}), ...((correctedFields.subject as Record<string, unknown>) ?? {}) };
  try {
    const preview = await call('preview-record', { body: { ...details, ...correctedFields, subject, kind } as { kind: string } });
    return preview.problems.find((p) => p.field === path || p.field.startsWith(`${path}.`))?.message;
  } catch {
    return undefined;
  }
}

function pathsOf(fields: readonly FormField[]): Set<string> {
  const all = new Set<string>();
  for (const f of fields) {
    all.add(f.path);
    if (f.control === 'group') for (const p of pathsOf(f.fields)) all.add(p);
  }
  return all;
}

/** One field of the correction form, as its kind's schema says, holding the record's value. */
function correctionField(f: FormField, initial: Map<string, FieldValue>): HTMLElement {
  const id = controlId(f.path);
  const value = initial.get(f.path);
  const text = typeof value === 'string' ? value : '';
  const described = [f.hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  const common = { id, name: f.path, testid: id, 'aria-describedby': described, 'aria-required': f.required ? 'true' : undefined };
  const hintOf = f.hint ? { hint: f.hint } : {};
  switch (f.control) {
    case 'group':
      return h(
        'fieldset',
        { testid: id, id, 'aria-describedby': described },
        h('legend', {}, f.label),
        f.hint ? h('small', { class: 'hint', id: `${id}-hint` }, f.hint) : null,
        h('small', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, testid: `${id}-error` }),
        f.fields.map((inner) => correctionField(inner, initial)),
      );
    case 'checkboxes': {
      const ticked = new Set(Array.isArray(value) ? value : []);
      return h(
        'fieldset',
        { testid: id, id, 'aria-describedby': described },
        h('legend', {}, f.label),
        f.options.map((o) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: o.value, checked: ticked.has(o.value), 'data-field': id, testid: `${id}-option`, 'data-value': o.value }), ` ${o.label}`)),
        f.hint ? h('small', { class: 'hint', id: `${id}-hint` }, f.hint) : null,
        h('small', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, testid: `${id}-error` }),
      );
    }
    case 'select':
      return labelledControl(f.label, id, h('select', common, h('option', { value: '' }, '（不填）'), f.options.map((o) => h('option', { value: o.value, selected: o.value === text }, o.label))), { required: f.required, ...hintOf });
    case 'boolean':
      return labelledControl(f.label, id, h('select', common, h('option', { value: '' }, '（不填）'), h('option', { value: 'true', selected: text === 'true' }, '是'), h('option', { value: 'false', selected: text === 'false' }, '否')), { required: f.required, ...hintOf });
    case 'date':
      return labelledControl(f.label, id, h('input', { ...common, type: 'date', value: text }), { required: f.required, ...hintOf });
    case 'number':
      return labelledControl(f.label, id, h('input', { ...common, type: 'number', inputmode: 'decimal', step: '0.01', min: f.min, max: f.max, value: text }), { required: f.required, ...hintOf });
    case 'textarea':
      return labelledControl(f.label, id, h('textarea', { ...common, rows: 3, maxlength: f.maxLength, value: text }), { required: f.required, ...hintOf });
    case 'text':
      return labelledControl(f.label, id, h('input', { ...common, type: 'text', maxlength: f.maxLength, value: text, autocomplete: 'off' }), { required: f.required, ...hintOf });
  }
}

/* ---------- credit repair ---------- */

async function repairsPage(root: HTMLElement, route: Route): Promise<void> {
  const caseId = route.segments[2];
  if (!caseId) return casesList(root, route, 'repair');
  show(root, loading());
  const c = await call('get-repair', { params: { id: caseId } });
  const { commitment, correctiveActions } = repairTextOf(c);
  show(
    root,
    h('p', {}, h('a', { href: href('/console/repairs'), testid: 'dept-repair-back' }, '← 信用修复审核')),
    h('h1', {}, `信用修复申请 ${c.record.decisionNumber}`),
    route.params.has('decided') ? notice('决定已提交。', 'dept-repair-decided') : null,
    h(
      'div',
      { testid: 'dept-repair', 'data-case-id': c.caseId, 'data-state': c.state },
      caseFacts(c, 'dept-repair'),
      h('h2', {}, '信用承诺与整改情况'),
      facts([
        ['信用承诺', commitment ?? '', 'dept-repair-commitment'],
        ['整改情况', correctiveActions ?? '', 'dept-repair-actions'],
      ]),
      h('h2', {}, `证明材料（${c.evidence.length}）`),
      evidenceList(c.evidence, 'dept-repair-evidence'),
      answerShown(c, 'dept-repair'),
      answerable(c) ? repairDecisionForm(c) : null,
      h('h2', {}, '办理过程'),
      historyList(c, 'dept-repair-history'),
    ),
  );
}

function repairDecisionForm(c: Case): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const element = h(
    'form',
    { class: 'panel', testid: 'repair-decision-form', novalidate: true, 'aria-label': '信用修复决定' },
    h('h2', {}, '作出决定'),
    radioGroup('决定', 'decision-outcome', 'outcome', [
      ['approved', '同意信用修复（记录不再公示）'],
      ['refused', '不予信用修复'],
    ]),
    labelledControl('理由', 'decision-reasoning', h('textarea', { id: 'decision-reasoning', rows: 4, maxlength: 4000, testid: 'decision-reasoning', 'aria-required': 'true', 'aria-describedby': 'decision-reasoning-hint decision-reasoning-error' }), {
      required: true,
      hint: '写明决定的理由，将告知申请人。',
    }),
    h('button', { type: 'submit', testid: 'decision-submit' }, '提交决定'),
    message,
  );
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(element, message);
    const outcome = checkedValue(element, 'outcome') as RepairOutcome | '';
    const reasoning = (element.querySelector<HTMLTextAreaElement>('#decision-reasoning')?.value ?? '').trim();
    if (!outcome) markError(element, 'decision-outcome', '请选择决定。');
    if (!reasoning) markError(element, 'decision-reasoning', '请填写理由。');
    if (!outcome || !reasoning) return;
    try {
      await call('decide-repair', { params: { id: c.caseId }, body: { outcome, reasoning } });
      go(`/console/repairs/${c.caseId}`, { decided: '1' });
    } catch (error) {
      showFieldError(element, error, (f) => ({ 'body.outcome': 'decision-outcome', 'body.reasoning': 'decision-reasoning' })[f], message);
    }
  });
  return element;
}

/* ---------- correction notices of the department's checks ---------- */

const correctionOutcomes: Record<string, string> = { corrected: '更正', revoked: '撤销', repaired: '信用修复' };

async function correctionsPage(root: HTMLElement, route: Route): Promise<void> {
  const checkId = route.segments[2];
  if (checkId) return checkCorrections(root, checkId);
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const form = h(
    'form',
    { class: 'panel inline', role: 'search', 'aria-label': '按日期查询' },
    h('div', { class: 'field' }, h('label', { for: 'corrections-from', class: 'label' }, '自'), h('input', { type: 'date', id: 'corrections-from', value: from, testid: 'corrections-from' })),
    h('div', { class: 'field' }, h('label', { for: 'corrections-to', class: 'label' }, '至'), h('input', { type: 'date', id: 'corrections-to', value: to, testid: 'corrections-to' })),
    h('button', { type: 'submit', testid: 'corrections-submit' }, '查询'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/console/corrections', { from: form.querySelector<HTMLInputElement>('#corrections-from')!.value, to: form.querySelector<HTMLInputElement>('#corrections-to')!.value });
  });
  const list = h('ol', { class: 'notices', testid: 'corrections-list' });
  const more = h('div', {});
  show(
    root,
    h('h1', {}, '核查更正通知'),
    h('p', { class: 'hint' }, '本部门信用核查所依据的记录后来经异议或信用修复被更正、撤销或修复的，在此通知。请核对相关事项的决定和措施，必要时予以纠正、恢复当事人信誉，并更新该核查的使用情况。'),
    form,
    list,
    more,
  );
  const load = async (nextToken?: string) => {
    show(more, loading());
    try {
      const answer = await call('list-notices', { query: { kind: 'record-correction', from, to, nextToken } });
      for (const n of answer.notices) {
        const [check, caseId] = n.about.split('#');
        list.append(
          h(
            'li',
            { testid: 'correction-notice', 'data-check-id': check, 'data-case-id': caseId },
            h('h2', {}, n.title),
            h('p', { class: 'meta' }, n.date),
            h('p', {}, n.text),
            check ? h('a', { href: href(`/console/corrections/${check}`), testid: 'correction-notice-check' }, `查看核查 ${check} 的更正情况`) : null,
          ),
        );
      }
      show(
        more,
        answer.nextToken ? h('button', { type: 'button', testid: 'corrections-more', onclick: () => void load(answer.nextToken) }, '加载更多') : null,
        list.childElementCount === 0 ? h('p', { class: 'empty', testid: 'corrections-empty' }, `${answer.from} 至 ${answer.to} 无核查更正通知。`) : null,
      );
    } catch (error) {
      show(more, errorBox((error as Error).message));
    }
  };
  await load();
}

async function checkCorrections(root: HTMLElement, checkId: string): Promise<void> {
  show(root, loading());
  const check = await call('get-check', { params: { id: checkId } });
  const corrections = check.corrections ?? [];
  show(
    root,
    h('p', {}, h('a', { href: href('/console/corrections'), testid: 'check-corrections-back' }, '← 核查更正通知')),
    h('h1', {}, `信用核查 ${check.checkId}`),
    facts([
      ['核查时间', when(check.checkedAt), 'check-corrections-at'],
      ['主体', `${check.subject.name ?? ''} ${check.subject.id}`, 'check-corrections-subject'],
      ['事项', `${check.matter.typeName} · ${check.matter.reference} · ${check.matter.name}`, 'check-corrections-matter'],
      ...(systemOf(check) ? ([['经由系统', systemOf(check)!, 'check-corrections-system']] as [string, string, string][]) : []),
    ]),
    usageLogProof(check.checkId),
    h('h2', {}, `核查后被更正的记录（${corrections.length}）`),
    corrections.length === 0
      ? h('p', { class: 'empty', testid: 'check-corrections-empty' }, '该核查所依据的记录没有被更正。')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { testid: 'check-corrections' },
            h('caption', {}, '核查所显示的记录与现行情况'),
            h('thead', {}, h('tr', {}, ['决定文书号', '处理', '核查时版本', '现行版本', '决定日期', '理由', '案件'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, corrections.map(correctionRow)),
          ),
        ),
  );
}

/** The department's system that ran the check (a machine client), when one did: its name and client id. */
function systemOf(check: Check): string | undefined {
  const system = (check as { system?: unknown }).system;
  if (!system || typeof system !== 'object') return undefined;
  const { clientId, name } = system as { clientId?: unknown; name?: unknown };
  return typeof name === 'string' ? `${name}${typeof clientId === 'string' ? `（${clientId}）` : ''}` : undefined;
}

function correctionRow(x: Correction): HTMLElement {
  return h(
    'tr',
    { testid: 'check-correction', 'data-outcome': x.outcome, 'data-case-id': x.caseId },
    h('td', {}, h('a', { href: href('/console/records', { id: x.recordId }) }, x.decisionNumber)),
    h('td', {}, correctionOutcomes[x.outcome] ?? x.outcome),
    h('td', {}, `第 ${x.shownVersion} 版`),
    h('td', {}, x.outcome === 'corrected' ? `第 ${x.currentVersion} 版` : '—'),
    h('td', {}, x.decidedOn),
    h('td', {}, x.reasoning),
    h('td', {}, x.caseType === 'repair' ? `信用修复 ${x.caseId}` : `异议 ${x.caseId}`),
  );
}
