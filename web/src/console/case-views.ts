import { ApiError } from '../api.ts';
import type { Answer } from '../call.ts';
import { h, show, type Child } from '../dom.ts';
import { caseEventLabels } from '../labels.ts';
import { postToS3 } from '../upload.ts';

/**
 * What the case pages of every role share (objections and credit repair, shared/cases): the evidence a
 * subject chooses and posts straight to S3 through the presigned POSTs the API answers, the evidence and
 * the history of a case as shown, and a refusal shown at the field it names.
 */
export type Case = Answer<'get-objection'>;
type CaseType = Case['caseType'];
type Evidence = Case['evidence'][number];
export interface EvidenceUpload {
  evidenceId: string;
  upload: { url: string; fields: Record<string, string> };
}

/** The file types the API takes as evidence (shared/cases/api.ts, evidenceContentTypes). */
const evidenceTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
type EvidenceType = (typeof evidenceTypes)[number];

/** A file picker for evidence (PDF, JPEG, PNG), labelled, with its hint and an error line of its own. */
export function evidencePicker(id: string, label = '证明材料'): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, class: 'label' }, label),
    h('input', { type: 'file', id, name: 'evidence', multiple: true, accept: evidenceTypes.join(','), testid: id, 'aria-describedby': `${id}-hint ${id}-error` }),
    h('small', { class: 'hint', id: `${id}-hint` }, '可选多个文件：PDF、JPG 或 PNG，单个文件不超过 20 MB。'),
    h('small', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, testid: `${id}-error` }),
  );
}

export const chosenFiles = (form: ParentNode, id: string): File[] => [...(form.querySelector<HTMLInputElement>(`#${id}`)?.files ?? [])];

/** The files as the API announces them: name, type, size. A type the API does not take is sent as it is, for the API to refuse by name. */
export const announced = (files: File[]) => files.map((f) => ({ fileName: f.name, contentType: (f.type || 'application/octet-stream') as EvidenceType, bytes: f.size }));

/**
 * Posts each file to S3 with its presigned POST (the answer's uploads are in the order the files were
 * announced), one progress bar per file in `root`. Rejects with the first refusal.
 */
export async function uploadEvidence(files: File[], uploads: readonly EvidenceUpload[], root: HTMLElement): Promise<void> {
  const bars = files.map((f, i) => h('progress', { max: 100, value: 0, testid: 'evidence-progress', 'data-file': f.name, id: `evidence-progress-${i}`, 'aria-label': `上传 ${f.name}` }));
  show(root, h('ul', { class: 'uploads' }, files.map((f, i) => h('li', {}, h('label', { for: `evidence-progress-${i}` }, f.name), ' ', bars[i]))));
  await Promise.all(
    uploads.map((u, i) => postToS3(u.upload.url, u.upload.fields, files[i]!, files[i]!.name, (loaded, total) => (bars[i]!.value = Math.round((loaded / total) * 100)))),
  );
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The evidence of a case: each file with its link once uploaded and checked, or why it has none. */
export function evidenceList(evidence: readonly Evidence[], testid: string): HTMLElement {
  if (evidence.length === 0) return h('p', { class: 'empty', testid: `${testid}-empty` }, '未提交证明材料。');
  return h(
    'ul',
    { class: 'records', testid },
    evidence.map((e) =>
      h(
        'li',
        { testid: `${testid}-file`, 'data-evidence-id': e.evidenceId, 'data-uploaded': e.uploaded === undefined ? undefined : String(e.uploaded) },
        e.url ? h('a', { href: e.url, target: '_blank', rel: 'noopener', testid: `${testid}-link` }, e.fileName) : h('span', {}, e.fileName),
        h('span', { class: 'meta' }, ` ${sizeText(e.bytes)}`),
        e.contentProblem
          ? h('span', { class: 'badge status-revoked', testid: `${testid}-problem` }, '文件未通过安全检查，不提供下载')
          : e.uploaded === false
            ? h('span', { class: 'badge', testid: `${testid}-missing` }, '尚未上传')
            : null,
      ),
    ),
  );
}

/** What happened to a case, oldest first, in the words of its type. */
export function historyList(c: Pick<Case, 'history' | 'caseType'>, testid: string): HTMLElement {
  return h(
    'ol',
    { class: 'history', testid },
    c.history.map((e) => {
      const note = e.note ? noteText(e.note) : '';
      return h('li', { 'data-event': e.event }, `${new Date(e.at).toLocaleString('zh-CN')} ${eventLabel(e.event, c.caseType)}${note ? `（${note}）` : ''}`);
    }),
  );
}

/** The workflow's notes (shared/cases/case-tasks.ts) in Chinese; any other note (file names, a day) as it is. */
function noteText(note: string): string {
  const answerBy = /^answer by (\S+)$/.exec(note);
  if (answerBy) return `答复期限 ${answerBy[1]}`;
  const passed = /^answer day (\S+) passed$/.exec(note);
  if (passed) return `答复期限 ${passed[1]} 已过`;
  const told = /^(\d+) checks? corrected$/.exec(note);
  if (told) return `已通知 ${told[1]} 次核查的部门`;
  if (/^execution /.test(note)) return '';
  return outcomeLabels[note] ?? note;
}

const eventLabel = (event: string, caseType: CaseType): string =>
  event === 'raised' ? (caseType === 'repair' ? '提出信用修复申请' : '提出异议') : (caseEventLabels[event] ?? event);

/** The outcomes in Chinese (shared/cases/case.ts, outcomeLabels). */
export const outcomeLabels: Record<string, string> = {
  upheld: '维持原记录',
  corrected: '更正记录',
  revoked: '撤销记录',
  approved: '同意信用修复',
  refused: '不予信用修复',
};

/** A case's answer, which the declaration leaves `unknown` (shared/cases/api.ts, caseBody): what the pages show of it. */
export interface CaseAnswerShown {
  outcome: string;
  reasoning: string;
  correctedFields?: Record<string, unknown>;
  answeredBy?: string;
  answeredAt?: string;
}
export const answerOf = (c: Case): CaseAnswerShown | undefined => (c.answer && typeof c.answer === 'object' ? (c.answer as CaseAnswerShown) : undefined);

/** The commitment and corrective actions of a repair application (declared loosely on the case). */
export const repairTextOf = (c: Case): { commitment?: string; correctiveActions?: string } => ({
  ...(typeof c.commitment === 'string' ? { commitment: c.commitment } : {}),
  ...(typeof c.correctiveActions === 'string' ? { correctiveActions: c.correctiveActions } : {}),
});

/**
 * Shows a refusal at the field it names (`body.reasoning` → the control whose `data-error-for` is mapped
 * to it), marking the control invalid; a refusal without a field, or of a field the form has not, in `fallback`.
 * Answers whether it found the field.
 */
export function showFieldError(form: HTMLElement, error: unknown, controlOf: (field: string) => string | undefined, fallback: HTMLElement, label?: (field: string) => string): boolean {
  const field = error instanceof ApiError ? error.field : undefined;
  const known = error instanceof ApiError && error.code ? caseRefusals[error.code] : undefined;
  const message = known ?? (error as Error).message;
  const id = field ? controlOf(field) : undefined;
  const box = id ? form.querySelector<HTMLElement>(`[data-error-for="${id}"]`) : null;
  if (!box) {
    show(fallback, h('p', { class: 'error', role: 'alert', testid: 'error' }, field && label && !known ? `${label(field)}：${message}` : message));
    return false;
  }
  show(box, message);
  form.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
  form.querySelector<HTMLElement>(`#${id}`)?.focus();
  return true;
}

/** The refusals of the case routes by their stable codes (shared/errors/domain-errors.ts), in Chinese. */
const caseRefusals: Record<string, string> = {
  CASE_OPEN: '该记录已有处理中的异议或信用修复申请，请等待其结果。',
  CASE_ALREADY_ANSWERED: '该案件已经答复，不能再更改。',
  CASE_STUCK: '处理流程暂时受阻，信用办重新启动后才能答复。',
  RECORD_REVOKED: '该记录已撤销。',
  RECORD_REPAIRED: '该记录已信用修复。',
  RECORD_EXPIRED: '该记录公示期已满。',
  RECORD_CHANGED: '记录正在变更，请稍后重试。',
  REPAIR_NOT_APPLICABLE: '该类记录不适用信用修复。',
  REPAIR_NOT_YET_ELIGIBLE: '该记录尚未到可申请信用修复的日期。',
};

/** Clears what showFieldError showed. */
export function clearFieldErrors(form: HTMLElement, ...others: HTMLElement[]): void {
  for (const box of form.querySelectorAll<HTMLElement>('[data-error-for]')) show(box);
  for (const control of form.querySelectorAll<HTMLElement>('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const other of others) show(other);
}

/** A labelled control by `for`, with its error line (the pattern of the record entry form). */
export function labelledControl(text: string, id: string, control: HTMLElement, options: { required?: boolean; hint?: string } = {}): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, class: 'label' }, text, options.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
    control,
    options.hint ? h('small', { class: 'hint', id: `${id}-hint` }, options.hint) : null,
    h('small', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, testid: `${id}-error` }),
  );
}

/** Radio buttons in a fieldset, with its legend and error line; `id` names the group for errors. */
export function radioGroup(legend: string, id: string, name: string, options: [value: string, label: string][], checked?: string): HTMLElement {
  return h(
    'fieldset',
    { id, testid: id, 'aria-describedby': `${id}-error` },
    h('legend', {}, legend, h('span', { 'aria-hidden': 'true' }, ' *')),
    options.map(([value, label]) => h('label', { class: 'check' }, h('input', { type: 'radio', name, value, checked: value === checked, required: true, testid: `${id}-${value}` }), ` ${label}`)),
    h('small', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, testid: `${id}-error` }),
  );
}

export const checkedValue = (form: ParentNode, name: string): string => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';

export const stateBadge = (text: string, state: string): Child => h('span', { class: `badge case-${state}`, 'data-state': state }, text);
