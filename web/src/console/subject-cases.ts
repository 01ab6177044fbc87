import { ApiError } from '../api.ts';
import { call, type Answer } from '../call.ts';
import { facts, h, loading, notice, show, valueOf } from '../dom.ts';
import { caseStateLabels } from '../labels.ts';
import { go, href, type Route } from '../router.ts';
import type { Caller } from '../session.ts';
import {
  announced,
  answerOf,
  chosenFiles,
  clearFieldErrors,
  evidenceList,
  evidencePicker,
  historyList,
  labelledControl,
  outcomeLabels,
  repairTextOf,
  showFieldError,
  uploadEvidence,
  type Case,
} from './case-views.ts';

/**
 * A subject's cases (shared/cases): its objections (异议申诉), with evidence when raising one and added later
 * while it is open, and its applications for credit repair (信用修复) of records past their repair date,
 * with its credit commitment (信用承诺), what it corrected and evidence. Files go straight to S3 through
 * the presigned POSTs the API answers (web/src/upload.ts).
 */
type SubjectRecord = Answer<'list-subject-records'>['records'][number];

/** What these pages read of a record that the declaration leaves loose (shared/records/api.ts). */
const objectionOf = (r: SubjectRecord): string | undefined => ('objectionId' in r && typeof r.objectionId === 'string' ? r.objectionId : undefined);
const repairFromOf = (r: SubjectRecord): string | null | undefined => (r.publicity as { repairEligibleFrom?: string | null } | undefined)?.repairEligibleFrom;

const openToEvidence = (c: Case) => !answerOf(c) && ['verifying', 'overdue', 'stuck'].includes(c.state);

/** A refusal of evidence, in Chinese: the API names the field and the limit (shared/cases/evidence.ts, add-evidence.ts). */
function evidenceErrorText(error: unknown): string {
  const message = (error as Error).message;
  const field = error instanceof ApiError ? (error.field ?? '') : '';
  if (error instanceof ApiError && error.code === 'CASE_ALREADY_ANSWERED') return '提供部门已作出核查答复，不能再补充证明材料。';
  const held = /at most (\d+) files and holds (\d+)/.exec(message);
  if (held) return `最多可提交 ${held[1]} 个证明材料，已提交 ${held[2]} 个，最多还可补充 ${Math.max(0, Number(held[1]) - Number(held[2]))} 个。`;
  const most = /at most (\d+) files/.exec(message);
  if (most) return `最多可提交 ${most[1]} 个证明材料。`;
  const bytes = /at most (\d+) bytes/.exec(message);
  if (bytes) return `文件过大：单个文件不超过 ${Math.floor(Number(bytes[1]) / 1024 / 1024)} MB。`;
  if (field.endsWith('.contentType')) return '文件类型不支持：请选择 PDF、JPG 或 PNG 文件。';
  if (field.endsWith('.fileName')) return '文件名不符合要求，请改名后重试。';
  return message;
}

/** Checks the chosen files as the API would, in Chinese, before anything is sent. */
function evidenceProblem(files: File[]): string | undefined {
  const bad = files.find((f) => !['application/pdf', 'image/jpeg', 'image/png'].includes(f.type));
  if (bad) return `文件类型不支持：${bad.name}。请选择 PDF、JPG 或 PNG 文件。`;
  const empty = files.find((f) => f.size === 0);
  if (empty) return `文件为空：${empty.name}。`;
  return undefined;
}

/** A refusal of a case form at its field: evidence in Chinese, other fields by their label. */
function showCaseError(form: HTMLElement, error: unknown, fallback: HTMLElement, controls: Record<string, string>, evidenceId: string): void {
  const field = error instanceof ApiError ? error.field : undefined;
  if (field?.startsWith('body.evidence') || (error instanceof ApiError && error.code === 'CASE_ALREADY_ANSWERED' && evidenceId)) {
    const box = form.querySelector<HTMLElement>(`[data-error-for="${evidenceId}"]`);
    if (box) {
      show(box, evidenceErrorText(error));
      form.querySelector(`#${evidenceId}`)?.setAttribute('aria-invalid', 'true');
      return;
    }
  }
  showFieldError(form, error, (f) => controls[f], fallback);
}

/** Required texts checked in Chinese before sending; answers whether all are there. */
function requireTexts(form: HTMLElement, fields: [id: string, label: string][]): boolean {
  let ok = true;
  for (const [id, label] of fields) {
    const control = form.querySelector<HTMLTextAreaElement | HTMLSelectElement>(`#${id}`);
    if (control && control.value.trim()) continue;
    const box = form.querySelector<HTMLElement>(`[data-error-for="${id}"]`);
    if (box) show(box, `请填写${label}。`);
    control?.setAttribute('aria-invalid', 'true');
    if (ok) control?.focus();
    ok = false;
  }
  return ok;
}

/* ---------- objections ---------- */

export async function objectionsPage(root: HTMLElement, route: Route, caller: Caller): Promise<void> {
  const caseId = route.segments[2];
  if (caseId) return objectionDetail(root, caseId, route.params.get('created') ?? undefined);
  show(root, loading());
  const [records, cases] = await Promise.all([call('list-subject-records', { params: { subjectId: caller.orgId } }), call('list-objections')]);
  const open = records.records.filter((r) => !objectionOf(r) && r.status !== 'revoked' && r.status !== 'repaired' && r.status !== 'expired');
  const message = h('div', { 'aria-live': 'polite' });
  const uploads = h('div', { 'aria-live': 'polite', testid: 'objection-uploads' });
  const chosen = route.params.get('record') ?? '';
  const form = h(
    'form',
    { class: 'panel', testid: 'objection-form', novalidate: true, 'aria-label': '提出异议' },
    h('h2', {}, '提出异议'),
    labelledControl('异议的记录', 'objection-record', h('select', { id: 'objection-record', required: true, testid: 'objection-record' }, open.map((r) => h('option', { value: r.recordId, selected: r.recordId === chosen }, `${r.kindLabel} ${r.decisionNumber}`))), { required: true }),
    labelledControl('异议理由', 'objection-reason', h('textarea', { id: 'objection-reason', rows: 4, required: true, maxlength: 4000, testid: 'objection-reason', 'aria-required': 'true' }), { required: true, hint: '说明记录哪里有误，以及您掌握的事实。' }),
    evidencePicker('objection-evidence'),
    uploads,
    h('button', { type: 'submit', testid: 'objection-submit', disabled: open.length === 0 }, '提交异议'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, message);
    if (!requireTexts(form, [['objection-reason', '异议理由']])) return;
    const files = chosenFiles(form, 'objection-evidence');
    const problem = evidenceProblem(files);
    if (problem) return void show(form.querySelector<HTMLElement>('[data-error-for="objection-evidence"]')!, problem);
    try {
      const raised = await call('raise-objection', { body: { recordId: valueOf(form, 'objection-record'), reason: valueOf(form, 'objection-reason'), evidence: announced(files) } });
      // An objection already open on the record takes no files here: its page offers to add them.
      if (!raised.existing && files.length) await uploadEvidence(files, raised.evidenceUploads, uploads);
      go(`/console/objections/${raised.case.caseId}`, { created: raised.existing ? 'existing' : 'new' });
    } catch (error) {
      showCaseError(form, error, message, { 'body.recordId': 'objection-record', 'body.reason': 'objection-reason' }, 'objection-evidence');
    }
  });
  show(
    root,
    h('h1', {}, '异议申诉'),
    h('p', { class: 'hint' }, '对本平台记录有异议的，可提出异议并附证明材料；提交后依据该记录的惩戒措施即中止，提供部门须在答复期限内核查答复。'),
    form,
    h('h2', {}, '我的异议'),
    cases.cases.length === 0
      ? h('p', { class: 'empty', testid: 'objections-empty' }, '暂无异议。')
      : h(
          'ul',
          { class: 'records', testid: 'objections-list' },
          cases.cases.map((c) =>
            h(
              'li',
              { testid: 'objection', 'data-case-id': c.caseId, 'data-state': c.state },
              h('a', { href: href(`/console/objections/${c.caseId}`) }, c.caseId),
              ` ${c.record.decisionNumber} `,
              h('span', { class: 'badge' }, caseStateLabels[c.state] ?? c.state),
              c.answerBy ? h('span', { class: 'meta' }, `答复期限 ${c.answerBy}`) : null,
            ),
          ),
        ),
  );
}

async function objectionDetail(root: HTMLElement, caseId: string, created: string | undefined, added = false): Promise<void> {
  show(root, loading());
  const c = await call('get-objection', { params: { id: caseId } });
  const answer = answerOf(c);
  show(
    root,
    h('h1', {}, '异议详情'),
    created ? notice(created === 'existing' ? '该记录已有处理中的异议，以下为该异议。' : '异议已提交，依据该记录的惩戒措施已中止，提供部门将在答复期限内核查。', 'objection-created') : null,
    added ? notice('证明材料已补充，提供部门核查时可以查看。', 'objection-evidence-added') : null,
    h(
      'div',
      { testid: 'objection-detail', 'data-case-id': c.caseId },
      facts([
        ['异议编号', c.caseId, 'objection-id'],
        ['记录', c.record.decisionNumber, 'objection-record-shown'],
        ['状态', caseStateLabels[c.state] ?? c.state, 'objection-state'],
        ['提出时间', new Date(c.raisedAt).toLocaleString('zh-CN'), undefined],
        ['答复期限', c.answerBy ?? '', 'objection-answer-by'],
        ['异议理由', c.reason, 'objection-reason-shown'],
        ...(answer ? ([['核查结论', `${outcomeLabels[answer.outcome] ?? answer.outcome}：${answer.reasoning}`, 'objection-answer']] as [string, string, string][]) : []),
      ]),
      h('h2', {}, `证明材料（${c.evidence.length}）`),
      evidenceList(c.evidence, 'objection-evidence-list'),
      openToEvidence(c) ? addEvidenceForm(c, () => objectionDetail(root, caseId, undefined, true)) : null,
      h('h2', {}, '办理过程'),
      historyList(c, 'objection-history'),
    ),
    h('a', { href: href('/console/objections'), testid: 'objection-back' }, '返回异议列表'),
  );
}

/** 补充证明材料: more files for an objection not yet answered (POST /objections/{id}/evidence). */
function addEvidenceForm(c: Case, done: () => Promise<void>): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const uploads = h('div', { 'aria-live': 'polite', testid: 'add-evidence-uploads' });
  const form = h(
    'form',
    { class: 'panel', testid: 'add-evidence-form', novalidate: true, 'aria-label': '补充证明材料' },
    h('h3', {}, '补充证明材料'),
    h('p', { class: 'hint' }, '提供部门作出答复前，可以继续补充证明材料。'),
    evidencePicker('add-evidence-files', '选择文件'),
    uploads,
    h('button', { type: 'submit', testid: 'add-evidence-submit' }, '上传补充材料'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, message);
    const files = chosenFiles(form, 'add-evidence-files');
    const box = form.querySelector<HTMLElement>('[data-error-for="add-evidence-files"]')!;
    if (files.length === 0) return void show(box, '请选择要补充的文件。');
    const problem = evidenceProblem(files);
    if (problem) return void show(box, problem);
    try {
      const answer = await call('add-objection-evidence', { params: { id: c.caseId }, body: { evidence: announced(files) } });
      await uploadEvidence(files, answer.evidenceUploads, uploads);
      await done();
    } catch (error) {
      showCaseError(form, error, message, {}, 'add-evidence-files');
    }
  });
  return form;
}

/* ---------- credit repair ---------- */

export async function repairsPage(root: HTMLElement, route: Route, caller: Caller): Promise<void> {
  const caseId = route.segments[2];
  if (caseId) return repairDetail(root, caseId, route.params.get('created') ?? undefined);
  show(root, loading());
  const [records, cases, county] = await Promise.all([call('list-subject-records', { params: { subjectId: caller.orgId } }), call('list-repairs'), call('get-county-profile')]);
  const today = county.date;
  const repairable = records.records.filter((r) => typeof repairFromOf(r) === 'string' && !objectionOf(r) && (r.status === 'active' || r.status === 'corrected'));
  const eligible = repairable.filter((r) => repairFromOf(r)! <= today);
  const later = repairable.filter((r) => repairFromOf(r)! > today);
  const chosen = route.params.get('record') ?? '';
  const message = h('div', { 'aria-live': 'polite' });
  const uploads = h('div', { 'aria-live': 'polite', testid: 'repair-uploads' });
  const text = (id: string, label: string, hint: string) =>
    labelledControl(label, id, h('textarea', { id, rows: 4, required: true, maxlength: 4000, testid: id, 'aria-required': 'true', 'aria-describedby': `${id}-hint ${id}-error` }), { required: true, hint });
  const form = h(
    'form',
    { class: 'panel', testid: 'repair-form', novalidate: true, 'aria-label': '申请信用修复' },
    h('h2', {}, '申请信用修复'),
    labelledControl(
      '申请修复的记录',
      'repair-record',
      h('select', { id: 'repair-record', required: true, testid: 'repair-record' }, eligible.map((r) => h('option', { value: r.recordId, selected: r.recordId === chosen }, `${r.kindLabel} ${r.decisionNumber}（${repairFromOf(r)} 起可申请）`))),
      { required: true },
    ),
    text('repair-reason', '申请理由', '说明申请修复的理由。'),
    text('repair-commitment', '信用承诺', '以本主体名义作出的书面承诺，例如：本单位承诺已纠正失信行为，今后依法诚信经营，如有违反自愿接受惩戒。承诺将予以公示。'),
    text('repair-actions', '整改情况', '说明已履行的义务和纠正失信行为的措施，例如已缴清罚款、完成整改。'),
    evidencePicker('repair-evidence'),
    uploads,
    h('button', { type: 'submit', testid: 'repair-submit', disabled: eligible.length === 0 }, '提交申请'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, message);
    if (!requireTexts(form, [['repair-reason', '申请理由'], ['repair-commitment', '信用承诺'], ['repair-actions', '整改情况']])) return;
    const files = chosenFiles(form, 'repair-evidence');
    const problem = evidenceProblem(files);
    if (problem) return void show(form.querySelector<HTMLElement>('[data-error-for="repair-evidence"]')!, problem);
    try {
      const requested = await call('request-repair', {
        body: { recordId: valueOf(form, 'repair-record'), reason: valueOf(form, 'repair-reason'), commitment: valueOf(form, 'repair-commitment'), correctiveActions: valueOf(form, 'repair-actions'), evidence: announced(files) },
      });
      if (!requested.existing && files.length) await uploadEvidence(files, requested.evidenceUploads, uploads);
      go(`/console/repairs/${requested.case.caseId}`, { created: requested.existing ? 'existing' : 'new' });
    } catch (error) {
      showCaseError(form, error, message, { 'body.recordId': 'repair-record', 'body.reason': 'repair-reason', 'body.commitment': 'repair-commitment', 'body.correctiveActions': 'repair-actions' }, 'repair-evidence');
    }
  });
  show(
    root,
    h('h1', {}, '信用修复'),
    h('p', { class: 'hint' }, '失信信息公示满最短公示期、已纠正失信行为的，可申请信用修复；提供部门同意后，该记录不再公示。'),
    eligible.length === 0 ? h('p', { class: 'empty', testid: 'repair-none-eligible' }, '目前没有可申请信用修复的记录。') : null,
    later.length
      ? h('p', { class: 'hint', testid: 'repair-later' }, `尚未到可申请日期的记录：${later.map((r) => `${r.decisionNumber}（${repairFromOf(r)} 起）`).join('、')}。`)
      : null,
    form,
    h('h2', {}, '我的修复申请'),
    cases.cases.length === 0
      ? h('p', { class: 'empty', testid: 'repairs-empty' }, '暂无信用修复申请。')
      : h(
          'ul',
          { class: 'records', testid: 'repairs-list' },
          cases.cases.map((c) =>
            h(
              'li',
              { testid: 'repair', 'data-case-id': c.caseId, 'data-state': c.state },
              h('a', { href: href(`/console/repairs/${c.caseId}`) }, c.caseId),
              ` ${c.record.decisionNumber} `,
              h('span', { class: 'badge' }, caseStateLabels[c.state] ?? c.state),
              c.answerBy ? h('span', { class: 'meta' }, `答复期限 ${c.answerBy}`) : null,
              answerOf(c) ? h('span', { class: 'meta' }, outcomeLabels[answerOf(c)!.outcome] ?? answerOf(c)!.outcome) : null,
            ),
          ),
        ),
  );
}

async function repairDetail(root: HTMLElement, caseId: string, created: string | undefined): Promise<void> {
  show(root, loading());
  const c = await call('get-repair', { params: { id: caseId } });
  const answer = answerOf(c);
  const { commitment, correctiveActions } = repairTextOf(c);
  show(
    root,
    h('h1', {}, '信用修复申请'),
    created ? notice(created === 'existing' ? '该记录已有处理中的申请，以下为该申请。' : '申请已提交，提供部门将在答复期限内作出决定。', 'repair-created') : null,
    h(
      'div',
      { testid: 'repair-detail', 'data-case-id': c.caseId, 'data-state': c.state },
      facts([
        ['申请编号', c.caseId, 'repair-id'],
        ['记录', c.record.decisionNumber, 'repair-record-shown'],
        ['状态', caseStateLabels[c.state] ?? c.state, 'repair-state'],
        ['提出时间', new Date(c.raisedAt).toLocaleString('zh-CN'), undefined],
        ['答复期限', c.answerBy ?? '', 'repair-answer-by'],
        ['申请理由', c.reason, 'repair-reason-shown'],
        ['信用承诺', commitment ?? '', 'repair-commitment-shown'],
        ['整改情况', correctiveActions ?? '', 'repair-actions-shown'],
        ...(answer ? ([['决定', `${outcomeLabels[answer.outcome] ?? answer.outcome}：${answer.reasoning}`, 'repair-answer']] as [string, string, string][]) : []),
      ]),
      h('h2', {}, `证明材料（${c.evidence.length}）`),
      evidenceList(c.evidence, 'repair-evidence-list'),
      h('h2', {}, '办理过程'),
      historyList(c, 'repair-history'),
    ),
    h('a', { href: href('/console/repairs'), testid: 'repair-back' }, '返回信用修复'),
  );
}
