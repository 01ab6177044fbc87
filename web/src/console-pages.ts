import { api, apiFile, ApiError, query } from './api.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf } from './dom.ts';
import { caseEventLabels, caseStateLabels, decisionLabels, failingLabels, publicityEnd, roleLabels, statusLabels, uploadStateLabels, usageListStateLabels } from './labels.ts';
import { noticesView } from './public-pages.ts';
import { postToS3 } from './upload.ts';
import { go, href, type Route } from './router.ts';
import { currentCaller, signOut, type Caller } from './session.ts';

/** The console: what each role does, one page per task (README, "Website and console"). */

const sections: Record<string, [path: string, label: string][]> = {
  department: [['check', '信用核查'], ['usage', '使用情况清单'], ['notices', '通知']],
  agency: [['upload', '上传信用报告'], ['notices', '通知']],
  subject: [['records', '我的信用记录'], ['looks', '谁查询了我'], ['objections', '异议申诉'], ['notices', '通知']],
  creditOffice: [['compliance', '合规情况'], ['notices', '通知']],
  institution: [['notices', '通知']],
};

export async function consolePage(root: HTMLElement, route: Route): Promise<void> {
  const caller = currentCaller();
  if (!caller) return go('/login');
  const mine = sections[caller.role] ?? [['notices', '通知']];
  const section = route.segments[1] ?? mine[0]![0];
  if (!mine.some(([path]) => path === section)) return go(`/console/${mine[0]![0]}`);
  const body = h('div', { class: 'console-body' });
  show(
    root,
    h(
      'div',
      { class: 'console-head' },
      h('p', { testid: 'console-caller', 'data-role': caller.role, 'data-org': caller.orgId }, `${roleLabels[caller.role] ?? caller.role}：${caller.orgId}`),
      h('nav', { class: 'console-nav', 'aria-label': '控制台' }, mine.map(([path, label]) => h('a', { href: href(`/console/${path}`), testid: `console-nav-${path}`, class: path === section ? 'current' : undefined, 'aria-current': path === section ? 'page' : undefined }, label))),
    ),
    body,
  );
  const pages: Record<string, (root: HTMLElement, route: Route, caller: Caller) => Promise<void> | void> = {
    check: checkPage,
    usage: usagePage,
    upload: uploadPage,
    records: myRecordsPage,
    looks: looksPage,
    objections: objectionsPage,
    compliance: compliancePage,
    notices: (r, rt) => noticesView(r, rt, '/notices', true, 'my-notices', '我的通知', '/console/notices'),
  };
  try {
    await pages[section]!(body, route, caller);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      return go('/login');
    }
    show(body, errorBox((error as Error).message));
  }
}

// ——— department: a check for a matter, its outcome, the usage list ———

interface Measure {
  measureId: string;
  kind: 'incentive' | 'punishment';
  name: string;
  clause: string;
  suspended: boolean;
  suspendedBy?: string[];
  inForceDespiteObjection?: { reason?: string } | boolean;
}
interface CheckReceipt {
  checkId: string;
  checkedAt: string;
  subject: { id: string; name: string | null; known: boolean };
  matter: { typeName: string; reference: string; name: string };
  lists: { redListed: boolean; blackListed: boolean; dishonestDebtor: boolean };
  records: { recordId: string; kindLabel: string; status: string; decisionNumber: string; decisionDate: string; objectionId?: string; publicity: { publicUntil: string | null } }[];
  reports: { reportId: string; reportNumber: string; agencyName?: string; rating: string; validUntil: string; status: string; riskWarning?: string; download?: { url: string } }[];
  measures: Measure[];
  outcome: unknown;
}

async function checkPage(root: HTMLElement): Promise<void> {
  const county = await api<{ matterTypes: { id: string; name: string }[] }>('/public/county');
  const result = h('section', { testid: 'check-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel', testid: 'check-form' },
    field('主体代码', h('input', { type: 'text', required: true, maxlength: 18, placeholder: '统一社会信用代码或身份证号码', autocomplete: 'off', testid: 'check-subject' })),
    field('事项类型', h('select', { required: true, testid: 'check-matter-type' }, county.matterTypes.map((m) => h('option', { value: m.id }, m.name)))),
    field('事项编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'check-matter-reference' })),
    field('事项名称', h('input', { type: 'text', required: true, maxlength: 200, testid: 'check-matter-name' })),
    h('button', { type: 'submit', testid: 'check-submit' }, '核查'),
  );
  // One Idempotency-Key per filled-in form: a double click or a retry logs the check once.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(result, loading());
    try {
      const receipt = await api<CheckReceipt>('/checks', {
        method: 'POST',
        auth: true,
        headers: { 'idempotency-key': idempotencyKey },
        body: { subjectId: valueOf(form, 'check-subject'), matter: { type: valueOf(form, 'check-matter-type'), reference: valueOf(form, 'check-matter-reference'), name: valueOf(form, 'check-matter-name') } },
      });
      showReceipt(result, receipt);
    } catch (error) {
      show(result, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '信用核查（逢办必查）'), form, result);
}

function showReceipt(root: HTMLElement, receipt: CheckReceipt): void {
  const lists = [receipt.lists.redListed && '红名单', receipt.lists.blackListed && '黑名单', receipt.lists.dishonestDebtor && '失信被执行人'].filter(Boolean).join('、') || '无';
  show(
    root,
    h('h2', {}, '核查结果'),
    facts([
      ['核查编号', receipt.checkId, 'check-id'],
      ['主体', `${receipt.subject.name ?? '（平台无该主体信息）'} ${receipt.subject.id}`, 'check-subject-shown'],
      ['事项', `${receipt.matter.typeName} · ${receipt.matter.reference} · ${receipt.matter.name}`, 'check-matter'],
      ['名单状态', lists, 'check-lists'],
    ]),
    h('h3', {}, `信用记录（${receipt.records.length}）`),
    receipt.records.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-records' }, '无有效信用记录。')
      : h(
          'ul',
          { class: 'records' },
          receipt.records.map((r) =>
            h(
              'li',
              { testid: 'check-record', 'data-record-id': r.recordId, 'data-status': r.status },
              h('span', { class: 'kind' }, r.kindLabel),
              ` ${r.decisionNumber} `,
              h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status),
              r.objectionId ? h('span', { class: 'meta', testid: 'check-record-objection' }, `异议 ${r.objectionId}`) : null,
              h('span', { class: 'meta' }, `决定日期 ${r.decisionDate} · 公示截止 ${publicityEnd(r.publicity?.publicUntil)}`),
            ),
          ),
        ),
    h('h3', {}, `信用报告（${receipt.reports.length}）`),
    receipt.reports.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-reports' }, '无有效信用报告。')
      : h(
          'ul',
          { class: 'records' },
          receipt.reports.map((r) =>
            h(
              'li',
              { testid: 'check-report', 'data-report-id': r.reportId },
              `${r.agencyName ?? ''} ${r.reportNumber} · 等级 ${r.rating} · 有效期至 ${r.validUntil}`,
              r.riskWarning ? h('span', { class: 'meta' }, `风险提示：${r.riskWarning}`) : null,
              r.download ? h('a', { href: r.download.url, target: '_blank', rel: 'noopener', testid: 'check-report-download' }, '下载') : null,
            ),
          ),
        ),
    h('h3', {}, `适用措施（${receipt.measures.length}）`),
    receipt.measures.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-measures' }, '无适用的激励或惩戒措施。')
      : h(
          'ul',
          { class: 'measures' },
          receipt.measures.map((m) =>
            h(
              'li',
              { testid: 'check-measure', 'data-measure-id': m.measureId, 'data-kind': m.kind, 'data-suspended': String(m.suspended), class: m.suspended ? 'suspended' : undefined },
              h('span', { class: `badge ${m.kind}` }, m.kind === 'incentive' ? '激励' : '惩戒'),
              ` ${m.name} `,
              m.suspended ? h('span', { class: 'badge suspended', testid: 'check-measure-suspended', 'data-objections': (m.suspendedBy ?? []).join(' ') }, `已中止：异议 ${(m.suspendedBy ?? []).join('、')}`) : null,
              m.inForceDespiteObjection ? h('span', { class: 'meta', testid: 'check-measure-in-force' }, '异议期间不停止执行') : null,
              h('span', { class: 'meta' }, m.clause),
            ),
          ),
        ),
    outcomeForm(receipt),
  );
}

function outcomeForm(receipt: CheckReceipt): HTMLElement {
  const saved = h('div', { 'aria-live': 'polite' });
  const applicable = receipt.measures.filter((m) => !m.suspended);
  const form = h(
    'form',
    { class: 'panel', testid: 'outcome-form' },
    h('h3', {}, '登记核查结果'),
    field('使用信用记录或报告情况', h('textarea', { rows: 3, required: true, maxlength: 2000, testid: 'outcome-usage' })),
    applicable.length
      ? h(
          'fieldset',
          {},
          h('legend', {}, '采取的措施'),
          applicable.map((m) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: m.measureId, testid: 'outcome-measure', 'data-measure-id': m.measureId }), ` ${m.name}`)),
        )
      : null,
    field('办理结果', h('select', { required: true, testid: 'outcome-decision' }, Object.entries(decisionLabels).map(([value, label]) => h('option', { value }, label)))),
    field('备注', h('textarea', { rows: 2, maxlength: 2000, testid: 'outcome-note' })),
    h('button', { type: 'submit', testid: 'outcome-submit' }, '保存结果'),
    saved,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const appliedMeasures = [...form.querySelectorAll<HTMLInputElement>('[data-testid="outcome-measure"]:checked')].map((box) => ({ measureId: box.value }));
    const note = valueOf(form, 'outcome-note');
    try {
      await api(`/checks/${receipt.checkId}/outcome`, { method: 'PUT', auth: true, body: { usage: valueOf(form, 'outcome-usage'), appliedMeasures, decision: valueOf(form, 'outcome-decision'), ...(note ? { note } : {}) } });
      show(saved, notice('核查结果已登记。', 'outcome-saved'));
    } catch (error) {
      show(saved, errorBox((error as Error).message));
    }
  });
  return form;
}

async function usagePage(root: HTMLElement, route: Route): Promise<void> {
  const message = h('div', { 'aria-live': 'polite' });
  const lastMonth = (() => {
    const d = new Date();
    d.setDate(1);
    d.setMonth(d.getMonth() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  })();
  const form = h(
    'form',
    { class: 'panel inline' },
    field('期间', h('input', { type: 'text', required: true, value: route.params.get('period') ?? lastMonth, pattern: '\\d{4}-(\\d{2}|Q[1-4]|S[12]|Y)', placeholder: '2026-11 或 2026-Q4', testid: 'usage-period' })),
    field('格式', h('select', { testid: 'usage-format' }, h('option', { value: 'xlsx' }, 'Excel（xlsx）'), h('option', { value: 'csv' }, 'CSV'))),
    h('button', { type: 'submit', testid: 'usage-download' }, '下载清单'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const period = valueOf(form, 'usage-period');
    const format = valueOf(form, 'usage-format') || 'xlsx';
    try {
      const file = await apiFile(`/usage-lists/${encodeURIComponent(period)}/export${query({ format })}`, { auth: true });
      const link = h('a', { href: URL.createObjectURL(file), download: `使用情况清单-${period}.${format}`, testid: 'usage-file' }, `使用情况清单-${period}.${format}`);
      show(message, h('p', { class: 'ok', testid: 'usage-downloaded' }, '已生成：', link));
      link.click();
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '信用信息使用情况清单'), h('p', { class: 'hint' }, '按本县报送周期下载本部门的清单（未报送的为草稿）。'), form, message);
}

// ——— agency: a report straight to S3 ———

async function uploadPage(root: HTMLElement, route: Route): Promise<void> {
  const progress = h('progress', { max: 100, value: 0, testid: 'upload-progress' });
  const state = h('div', { 'aria-live': 'polite', testid: 'upload-status' });
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const form = h(
    'form',
    { class: 'panel', testid: 'upload-form' },
    field('报告主体代码', h('input', { type: 'text', required: true, maxlength: 18, autocomplete: 'off', testid: 'upload-subject' })),
    field('报告编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'upload-report-number' })),
    field('报告类型', h('select', { testid: 'upload-report-type' }, h('option', { value: 'comprehensive' }, '综合信用报告'), h('option', { value: 'special' }, '专项信用报告'))),
    field('出具日期', h('input', { type: 'date', required: true, value: today, max: today, testid: 'upload-issue-date' })),
    field('信用等级', h('input', { type: 'text', required: true, maxlength: 20, testid: 'upload-rating' })),
    field('风险提示（可选）', h('textarea', { rows: 2, maxlength: 1000, testid: 'upload-risk-warning' })),
    field('报告文件（PDF）', h('input', { type: 'file', accept: 'application/pdf,.pdf', required: true, testid: 'upload-file' })),
    h('button', { type: 'submit', testid: 'upload-submit' }, '上传'),
    h('div', { class: 'progress' }, progress),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = (form.querySelector('[data-testid="upload-file"]') as HTMLInputElement).files?.[0];
    if (!file) return show(state, errorBox('请选择报告文件'));
    progress.value = 0;
    const riskWarning = valueOf(form, 'upload-risk-warning');
    try {
      const started = await api<{ uploadId: string; upload: { url: string; fields: Record<string, string> } }>('/reports/uploads', {
        method: 'POST',
        auth: true,
        body: {
          subjectId: valueOf(form, 'upload-subject'),
          reportNumber: valueOf(form, 'upload-report-number'),
          reportType: valueOf(form, 'upload-report-type'),
          issueDate: valueOf(form, 'upload-issue-date'),
          rating: valueOf(form, 'upload-rating'),
          ...(riskWarning ? { riskWarning } : {}),
        },
      });
      show(state, h('p', {}, '上传中… 编号 ', h('span', { testid: 'upload-id' }, started.uploadId)));
      await postToS3(started.upload.url, started.upload.fields, file, file.name, (loaded, total) => (progress.value = Math.round((loaded / total) * 100)));
      go('/console/upload', { id: started.uploadId });
    } catch (error) {
      show(state, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '上传信用报告'), h('p', { class: 'hint' }, '文件直接上传至平台存储，平台检查后接收或拒收。'), form, state);
  const uploadId = route.params.get('id');
  if (uploadId) {
    progress.value = 100;
    await followUpload(state, uploadId);
  }
}

/** The upload's state, asked again a few times while the platform checks the file. */
async function followUpload(root: HTMLElement, uploadId: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const upload = await api<{ uploadId: string; state: string; reason?: string; reportId?: string }>(`/reports/uploads/${encodeURIComponent(uploadId)}`, { auth: true });
    show(
      root,
      facts([
        ['上传编号', upload.uploadId, 'upload-id'],
        ['状态', h('span', { 'data-state': upload.state, testid: 'upload-state' }, uploadStateLabels[upload.state] ?? upload.state), undefined],
        ...(upload.reason ? ([['原因', upload.reason, 'upload-reason']] as [string, string, string][]) : []),
        ...(upload.reportId ? ([['报告编号（平台）', upload.reportId, 'upload-report-id']] as [string, string, string][]) : []),
      ]),
      h('button', { type: 'button', testid: 'upload-refresh', onclick: () => void followUpload(root, uploadId) }, '刷新状态'),
    );
    if (upload.state !== 'pending' || attempt >= 10) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!root.isConnected) return;
  }
}

// ——— subject: its records, who looked, objections ———

interface SubjectRecord {
  recordId: string;
  kindLabel: string;
  status: string;
  decisionNumber: string;
  decisionDate: string;
  objectionId?: string;
  publicity: { publicUntil: string | null; repairEligibleFrom?: string | null };
}

async function myRecordsPage(root: HTMLElement, _route: Route, caller: Caller): Promise<void> {
  show(root, loading());
  const answer = await api<{ subject: { id: string; name: string | null }; records: SubjectRecord[] }>(`/subjects/${encodeURIComponent(caller.orgId)}/records`, { auth: true });
  show(
    root,
    h('h1', {}, '我的信用记录'),
    h('p', { testid: 'my-subject' }, `${answer.subject.name ?? ''} ${answer.subject.id}`),
    reportDownload(caller.orgId),
    answer.records.length === 0
      ? h('p', { class: 'empty', testid: 'my-records-empty' }, '平台没有您的信用记录。')
      : h(
          'ul',
          { class: 'records', testid: 'my-records' },
          answer.records.map((r) =>
            h(
              'li',
              { testid: 'my-record', 'data-record-id': r.recordId, 'data-status': r.status },
              h('span', { class: 'kind' }, r.kindLabel),
              ` ${r.decisionNumber} `,
              h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status),
              h('span', { class: 'meta' }, `决定日期 ${r.decisionDate} · 公示截止 ${publicityEnd(r.publicity.publicUntil)}`),
              r.objectionId
                ? h('a', { href: href(`/console/objections/${r.objectionId}`), testid: 'my-record-objection' }, `查看异议 ${r.objectionId}`)
                : h('a', { href: href('/console/objections', { record: r.recordId }), testid: 'my-record-object' }, '提出异议'),
            ),
          ),
        ),
  );
}

/** The subject's public credit information report (公共信用信息报告), a PDF with a verification code. */
function reportDownload(subjectId: string): HTMLElement {
  const message = h('span', { 'aria-live': 'polite' });
  return h(
    'p',
    {},
    h(
      'button',
      {
        type: 'button',
        testid: 'my-report-download',
        onclick: async () => {
          try {
            const file = await apiFile(`/subjects/${encodeURIComponent(subjectId)}/report.pdf`, { auth: true });
            const link = h('a', { href: URL.createObjectURL(file), download: '公共信用信息报告.pdf', testid: 'my-report-file' }, '公共信用信息报告.pdf');
            show(message, ' ', link);
            link.click();
          } catch (error) {
            show(message, errorBox((error as Error).message));
          }
        },
      },
      '下载公共信用信息报告（PDF）',
    ),
    message,
  );
}

async function looksPage(root: HTMLElement): Promise<void> {
  show(root, loading());
  const answer = await api<{ checks: { checkId: string; kind: string; at: string; by: { orgId: string; name?: string }; matter?: { typeName?: string; name?: string; reference?: string }; purpose?: string; refused?: { code: string } }[] }>('/me/checks?limit=200', { auth: true });
  show(
    root,
    h('h1', {}, '谁查询了我'),
    answer.checks.length === 0
      ? h('p', { class: 'empty', testid: 'looks-empty' }, '还没有部门或机构查询过您的信用信息。')
      : h(
          'ul',
          { class: 'records', testid: 'looks-list' },
          answer.checks.map((c) =>
            h(
              'li',
              { testid: 'look', 'data-check-id': c.checkId, 'data-kind': c.kind },
              h('strong', {}, c.by.name ?? c.by.orgId),
              ` ${c.kind === 'query' ? '经授权查询' : '信用核查'} · ${new Date(c.at).toLocaleString('zh-CN')}`,
              h('span', { class: 'meta' }, c.matter ? `${c.matter.typeName ?? ''} ${c.matter.name ?? ''} ${c.matter.reference ?? ''}` : (c.purpose ?? '')),
              c.refused ? h('span', { class: 'badge status-revoked' }, `被拒绝：${c.refused.code}`) : null,
            ),
          ),
        ),
  );
}

interface Case {
  caseId: string;
  state: string;
  record: { recordId: string; decisionNumber: string };
  raisedAt: string;
  reason: string;
  answerBy?: string;
  history: { event: string; at: string; note?: string }[];
  answer?: { outcome?: string; reasoning?: string };
}

async function objectionsPage(root: HTMLElement, route: Route, caller: Caller): Promise<void> {
  const caseId = route.segments[2];
  if (caseId) return objectionDetail(root, caseId);
  show(root, loading());
  const [records, cases] = await Promise.all([
    api<{ records: SubjectRecord[] }>(`/subjects/${encodeURIComponent(caller.orgId)}/records`, { auth: true }),
    api<{ cases: Case[] }>('/objections', { auth: true }),
  ]);
  const open = records.records.filter((r) => !r.objectionId && r.status !== 'revoked' && r.status !== 'repaired');
  const message = h('div', { 'aria-live': 'polite' });
  const chosen = route.params.get('record') ?? '';
  const form = h(
    'form',
    { class: 'panel', testid: 'objection-form' },
    h('h2', {}, '提出异议'),
    field('异议的记录', h('select', { required: true, testid: 'objection-record' }, open.map((r) => h('option', { value: r.recordId, selected: r.recordId === chosen }, `${r.kindLabel} ${r.decisionNumber}`)))),
    field('异议理由', h('textarea', { rows: 4, required: true, maxlength: 4000, testid: 'objection-reason' })),
    h('button', { type: 'submit', testid: 'objection-submit', disabled: open.length === 0 }, '提交异议'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const raised = await api<{ case: Case; existing: boolean }>('/objections', { method: 'POST', auth: true, body: { recordId: valueOf(form, 'objection-record'), reason: valueOf(form, 'objection-reason') } });
      go(`/console/objections/${raised.case.caseId}`, { created: raised.existing ? 'existing' : 'new' });
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  show(
    root,
    h('h1', {}, '异议申诉'),
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

async function objectionDetail(root: HTMLElement, caseId: string): Promise<void> {
  show(root, loading());
  const c = await api<Case>(`/objections/${encodeURIComponent(caseId)}`, { auth: true });
  const created = new URLSearchParams(location.hash.split('?')[1] ?? '').get('created');
  show(
    root,
    h('h1', {}, '异议详情'),
    created ? notice(created === 'existing' ? '该记录已有处理中的异议，以下为该异议。' : '异议已提交，依据该记录的惩戒措施已中止，提供部门将在答复期限内核查。', 'objection-created') : null,
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
        ...(c.answer?.outcome ? ([['核查结论', `${c.answer.outcome}：${c.answer.reasoning ?? ''}`, 'objection-answer']] as [string, string, string][]) : []),
      ]),
      h('h2', {}, '办理过程'),
      h('ol', { class: 'history', testid: 'objection-history' }, c.history.map((e) => h('li', { 'data-event': e.event }, `${new Date(e.at).toLocaleString('zh-CN')} ${caseEventLabels[e.event] ?? e.event}${e.note ? `（${e.note}）` : ''}`))),
    ),
    h('a', { href: href('/console/objections'), testid: 'objection-back' }, '返回异议列表'),
  );
}

// ——— credit office ———

async function compliancePage(root: HTMLElement, route: Route): Promise<void> {
  const period = route.params.get('period') ?? '';
  show(root, loading());
  const answer = await api<{
    period: { id: string; name: string; dueDay: string };
    asOf: string;
    departments: { orgId: string; name: string; checks: { total: number; withOutcome: number; withoutOutcome: number }; latePublications: { count: number }; overdueAnswers: { count: number }; usageList: { state: string }; failings: string[] }[];
  }>(`/compliance${query({ period })}`, { auth: true });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go('/console/compliance', { period: valueOf(event.currentTarget as HTMLFormElement, 'compliance-period') });
      },
    },
    field('期间', h('input', { type: 'text', value: answer.period.id, testid: 'compliance-period' })),
    h('button', { type: 'submit', testid: 'compliance-submit' }, '查看'),
  );
  show(
    root,
    h('h1', {}, `合规情况：${answer.period.name}`),
    h('p', { class: 'hint' }, `截至 ${answer.asOf}；清单报送期限 ${answer.period.dueDay}；问题最多的部门在前。`),
    form,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { testid: 'compliance-table' },
        h('thead', {}, h('tr', {}, ['部门', '核查次数', '已登记结果', '逾期公示', '逾期答复', '清单', '问题'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          answer.departments.map((d) =>
            h(
              'tr',
              { testid: 'compliance-row', 'data-org': d.orgId, class: d.failings.length ? 'failing' : undefined },
              h('td', {}, d.name),
              h('td', {}, String(d.checks.total)),
              h('td', {}, String(d.checks.withOutcome)),
              h('td', {}, String(d.latePublications.count)),
              h('td', {}, String(d.overdueAnswers.count)),
              h('td', {}, usageListStateLabels[d.usageList.state] ?? d.usageList.state),
              h('td', {}, d.failings.map((f) => failingLabels[f] ?? f).join('、') || '无'),
            ),
          ),
        ),
      ),
    ),
  );
}
