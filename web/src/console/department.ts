import { call, callFile, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { decisionLabels, publicityEnd, statusLabels } from '../labels.ts';
import { href, type Route } from '../router.ts';
import type { Caller } from '../session.ts';
import { addDays } from '../../../shared/calendar/dates.ts';
import { noticesSection, type Console } from './common.ts';
import { batchPage } from './department-batch.ts';
import { commitmentsPage } from './department-commitments.ts';
import { filingsPage } from './department-filings.ts';
import { departmentMatterListPage } from './department-matter-list.ts';
import { mattersPage } from './coverage.ts';
import { departmentBulletinsPage } from './bulletins.ts';
import { importPage } from './department-imports.ts';
import { recordsPage } from './department-records.ts';
import { dataQualityPage } from './data-quality.ts';
import { departmentCaseSections } from './department-cases.ts';
import { freshnessText } from './office-national-lists.ts';
import { usageLogProof } from './log-receipt.ts';

/**
 * A department: a check for a matter (逢办必查), its outcome, imports of its records (批量导入), the objections and
 * repair applications on its records and the correction notices of its checks (department-cases.ts), the usage
 * list (使用情况清单), its notices.
 */
export const departmentConsole: Console = [
  { path: 'check', label: '信用核查', page: checkPage },
  { path: 'batch', label: '批量核查', page: batchPage },
  { path: 'commitments', label: '信用承诺', page: commitmentsPage },
  { path: 'matter-list', label: '事项清单', page: departmentMatterListPage },
  { path: 'matters', label: '办件报送', page: mattersPage },
  { path: 'records', label: '信用记录', page: recordsPage },
  { path: 'import', label: '批量导入', page: importPage },
  { path: 'quality', label: '问题数据', page: (root, route) => dataQualityPage(root, route, false) },
  ...departmentCaseSections,
  { path: 'usage', label: '使用情况清单', page: usagePage },
  { path: 'filings', label: '工作总结与制度措施报送', page: filingsPage },
  { path: 'bulletins', label: '月通报', page: departmentBulletinsPage },
  noticesSection,
];

type CheckReceipt = Answer<'run-check'>;
type County = Answer<'get-county-profile'>;
type CommitmentRequest = NonNullable<CallInput<'run-check'>['body']['commitment']>;
type OutcomeRequest = CallInput<'record-check-outcome'>['body'];
type ExportFormat = NonNullable<CallInput<'export-usage-list'>['query']>['format'];

/**
 * What this page reads of a receipt's records and reports, which the declaration leaves `unknown`
 * (shared/checks/api.ts, checkReceiptBody: `records` and `reports` are arrays of unknown).
 */
interface ReceiptRecord {
  recordId: string;
  kindLabel: string;
  status: string;
  decisionNumber: string;
  decisionDate: string;
  objectionId?: string;
  publicity?: { publicUntil: string | null };
  /** 不予公示: the record is used in checks but not published (shared/records/non-publication.ts). */
  withheld?: { label: string };
}
interface ReceiptReport {
  reportId: string;
  reportNumber: string;
  agencyName?: string;
  rating: string;
  validUntil: string;
  riskWarning?: string;
  download?: { url: string };
}

/** The objections suspending a measure; the declaration keeps a measure loose (its `suspendedBy` undeclared). */
const suspendedBy = (measure: CheckReceipt['measures'][number]): string[] => (Array.isArray(measure.suspendedBy) ? measure.suspendedBy.map(String) : []);

async function checkPage(root: HTMLElement, _route: Route, caller: Caller): Promise<void> {
  const [county, list] = await Promise.all([call('get-county-profile'), call('get-matter-list', { params: { department: caller.orgId } })]);
  // The items of the department's matter list in force (事项清单): choosing one sets the matter type.
  const listItems = list.versions.find((v) => v.version === list.inForceVersion)?.items ?? [];
  const result = h('section', { testid: 'check-result', 'aria-live': 'polite' });
  const commitment = commitmentFields(county);
  const form = h(
    'form',
    { class: 'panel', testid: 'check-form' },
    field('主体代码', h('input', { type: 'text', required: true, maxlength: 18, placeholder: '统一社会信用代码或身份证号码', autocomplete: 'off', testid: 'check-subject' })),
    listItems.length
      ? field(
          '事项清单事项',
          h(
            'select',
            { testid: 'check-list-item' },
            h('option', { value: '' }, '（不选择清单事项）'),
            listItems.map((i) => h('option', { value: i.itemId }, `${i.itemId} ${i.name}${i.reportRequired ? '（须查验信用报告）' : ''}`)),
          ),
          `本部门现行事项清单（第 ${list.inForceVersion} 版）中的事项；选择后事项类型随之确定`,
        )
      : null,
    field('事项类型', h('select', { required: true, testid: 'check-matter-type' }, county.matterTypes.map((m) => h('option', { value: m.id }, m.name)))),
    field('事项编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'check-matter-reference' })),
    field('事项名称', h('input', { type: 'text', required: true, maxlength: 200, testid: 'check-matter-name' })),
    commitment.fieldset,
    h('button', { type: 'submit', testid: 'check-submit' }, '核查'),
  );
  commitment.offerFor(valueOf(form, 'check-matter-type'));
  const matterTypeSelect = form.querySelector<HTMLSelectElement>('[data-testid="check-matter-type"]')!;
  matterTypeSelect.addEventListener('change', () => commitment.offerFor(valueOf(form, 'check-matter-type')));
  form.querySelector('[data-testid="check-list-item"]')?.addEventListener('change', () => {
    const item = listItems.find((i) => i.itemId === valueOf(form, 'check-list-item'));
    matterTypeSelect.disabled = Boolean(item);
    if (!item) return;
    matterTypeSelect.value = item.matterType;
    const name = form.querySelector<HTMLInputElement>('[data-testid="check-matter-name"]')!;
    if (!name.value) name.value = item.name;
    commitment.offerFor(item.matterType);
  });
  // One Idempotency-Key per filled-in form: a double click or a retry logs the check once.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(result, loading());
    try {
      const receipt = await call(
        'run-check',
        {
          body: {
            subjectId: valueOf(form, 'check-subject'),
            matter: {
              type: valueOf(form, 'check-matter-type'),
              reference: valueOf(form, 'check-matter-reference'),
              name: valueOf(form, 'check-matter-name'),
              ...(valueOf(form, 'check-list-item') ? { listItem: valueOf(form, 'check-list-item') } : {}),
            },
            ...commitment.taken(),
          },
        },
        { headers: { 'idempotency-key': idempotencyKey } },
      );
      showReceipt(result, receipt);
    } catch (error) {
      show(result, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '信用核查（逢办必查）'), form, result);
}

/**
 * The optional 信用承诺 of a check (告知承诺, 容缺受理, 信用承诺): offered only for the matter types the county's
 * notice offers it for (GET /public/county `commitments`), taken when the clerk ticks it, sent as `commitment`.
 */
function commitmentFields(county: County): { fieldset: HTMLElement; offerFor: (matterType: string) => void; taken: () => { commitment?: CommitmentRequest } } {
  const take = h('input', { type: 'checkbox', testid: 'check-commitment-take' });
  const mode = h('select', { testid: 'check-commitment-mode' });
  const controls = [
    field('承诺方式', mode),
    field('行政相对人名称', h('input', { type: 'text', maxlength: 200, testid: 'check-commitment-subject-name' }), '承诺记录中的主体名称'),
    field('决定机关名称', h('input', { type: 'text', maxlength: 200, testid: 'check-commitment-authority-name' })),
    field('决定机关统一社会信用代码', h('input', { type: 'text', maxlength: 18, autocomplete: 'off', testid: 'check-commitment-authority-uscc' })),
    field('承诺书内容', h('textarea', { rows: 3, maxlength: 4000, testid: 'check-commitment-text' })),
    field('承诺事项（每行一项）', h('textarea', { rows: 3, testid: 'check-commitment-promised' }), '如：补交消防验收合格证明'),
    field('履约期限', h('input', { type: 'date', min: addDays(county.date, 1), testid: 'check-commitment-due' }), '须晚于今天'),
  ];
  const inputs = controls.flatMap((c) => [...c.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]);
  const details = h('div', { class: 'panel', testid: 'check-commitment-fields', hidden: true }, controls);
  const fieldset = h(
    'fieldset',
    { testid: 'check-commitment-fieldset', hidden: true },
    h('legend', {}, '信用承诺（可选）'),
    h('label', { class: 'check' }, take, ' 本次办理收取行政相对人的承诺（容缺受理、告知承诺或书面信用承诺）'),
    details,
  );
  // Only what is shown is required, and only what is ticked is sent.
  const sync = () => {
    const on = take.checked && !fieldset.hidden;
    details.hidden = !on;
    // A .panel is laid out as a grid, which would show it in spite of `hidden`.
    details.style.display = on ? '' : 'none';
    for (const input of inputs) {
      input.disabled = !on;
      input.required = on && input.getAttribute('data-testid') !== 'check-commitment-mode';
    }
  };
  take.addEventListener('change', sync);
  const offerFor = (matterType: string) => {
    const offered = county.commitments.filter((c) => c.matterTypes.includes(matterType));
    show(mode, offered.map((c) => h('option', { value: c.mode }, c.modeLabel)));
    fieldset.hidden = offered.length === 0;
    sync();
  };
  const taken = (): { commitment?: CommitmentRequest } => {
    if (!take.checked || fieldset.hidden) return {};
    const value = (testid: string) => valueOf(details, testid);
    return {
      commitment: {
        // The select offers only the county's declared modes for the matter type.
        mode: value('check-commitment-mode') as CommitmentRequest['mode'],
        subjectName: value('check-commitment-subject-name'),
        authority: { name: value('check-commitment-authority-name'), uscc: value('check-commitment-authority-uscc') },
        text: value('check-commitment-text'),
        promised: value('check-commitment-promised').split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
        dueDate: value('check-commitment-due'),
      },
    };
  };
  return { fieldset, offerFor, taken };
}

function showReceipt(root: HTMLElement, receipt: CheckReceipt): void {
  const lists = [receipt.lists.redListed && '红名单', receipt.lists.blackListed && '黑名单', receipt.lists.dishonestDebtor && '失信被执行人'].filter(Boolean).join('、') || '无';
  const records = receipt.records as ReceiptRecord[];
  const reports = receipt.reports as ReceiptReport[];
  show(
    root,
    h('h2', {}, '核查结果'),
    facts([
      ['核查编号', receipt.checkId, 'check-id'],
      ['主体', `${receipt.subject.name ?? '（平台无该主体信息）'} ${receipt.subject.id}`, 'check-subject-shown'],
      ['事项', `${receipt.matter.typeName} · ${receipt.matter.reference} · ${receipt.matter.name}`, 'check-matter'],
      ...(receipt.matter.listItem
        ? ([['事项清单事项', `${receipt.matter.listItem.itemId} ${receipt.matter.listItem.name}（第 ${receipt.matter.listItem.listVersion} 版清单）`, 'check-list-item-shown']] as Parameters<typeof facts>[0])
        : []),
      ['名单状态', lists, 'check-lists'],
      ...(receipt.commitment
        ? ([
            [
              '信用承诺',
              h(
                'span',
                { 'data-record-id': receipt.commitment.recordId, 'data-mode': receipt.commitment.mode },
                `已收取${receipt.commitment.modeLabel}，履约期限 ${receipt.commitment.dueDate}（承诺记录 ${receipt.commitment.recordId}） `,
                h('a', { href: href('/console/commitments'), testid: 'check-commitment-link' }, '查看信用承诺'),
              ),
              'check-commitment',
            ],
          ] as Parameters<typeof facts>[0])
        : []),
    ]),
    usageLogProof(receipt.checkId),
    receipt.reportRequirement
      ? receipt.reportRequirement.satisfied
        ? h('p', { class: 'ok', testid: 'check-report-requirement', 'data-satisfied': 'true' }, '本事项须查验第三方信用报告：已查验有效报告。')
        : h('p', { class: 'warn', role: 'alert', testid: 'check-report-requirement', 'data-satisfied': 'false' }, receipt.reportRequirement.message ?? '本事项须查验第三方信用报告，当前无有效报告')
      : null,
    h('h3', {}, `信用记录（${records.length}）`),
    records.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-records' }, '无有效信用记录。')
      : h(
          'ul',
          { class: 'records' },
          records.map((r) =>
            h(
              'li',
              { testid: 'check-record', 'data-record-id': r.recordId, 'data-status': r.status },
              h('span', { class: 'kind' }, r.kindLabel),
              ` ${r.decisionNumber} `,
              h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status),
              r.objectionId ? h('span', { class: 'meta', testid: 'check-record-objection' }, `异议 ${r.objectionId}`) : null,
              r.withheld ? h('span', { class: 'badge withheld', testid: 'check-record-withheld' }, `不予公示（${r.withheld.label}）`) : null,
              h('span', { class: 'meta' }, `决定日期 ${r.decisionDate} · ${r.withheld ? '用于核查至' : '公示截止'} ${publicityEnd(r.publicity?.publicUntil)}`),
            ),
          ),
        ),
    nationalListsShown(receipt),
    h('h3', {}, `信用报告（${reports.length}）`),
    reports.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-reports' }, '无有效信用报告。')
      : h(
          'ul',
          { class: 'records' },
          reports.map((r) =>
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
              m.suspended ? h('span', { class: 'badge suspended', testid: 'check-measure-suspended', 'data-objections': suspendedBy(m).join(' ') }, `已中止：异议 ${suspendedBy(m).join('、')}`) : null,
              m.inForceDespiteObjection ? h('span', { class: 'meta', testid: 'check-measure-in-force' }, '异议期间不停止执行') : null,
              nationalBasis(receipt, m) ? h('span', { class: 'meta', testid: 'check-measure-national' }, `依据国家名单：${nationalBasis(receipt, m)}`) : null,
              h('span', { class: 'meta' }, m.clause),
            ),
          ),
        ),
    outcomeForm(receipt),
  );
}

/** The national lists a measure rests on (its `restsOn` entries from a list), by their names; '' when none. */
function nationalBasis(receipt: CheckReceipt, measure: CheckReceipt['measures'][number]): string {
  const restsOn = Array.isArray(measure.restsOn) ? (measure.restsOn as { nationalList?: string }[]) : [];
  const sources = new Set(restsOn.flatMap((r) => (r.nationalList ? [r.nationalList] : [])));
  return (receipt.nationalLists?.sources ?? []).filter((s) => sources.has(s.source)).map((s) => s.listLabel).join('、');
}

/** The national lists the county takes: each list's date and freshness, and the subject's entries with their source and basis. */
function nationalListsShown(receipt: CheckReceipt): Child {
  const national = receipt.nationalLists;
  if (!national) return [];
  const stale = national.sources.filter((s) => s.stale);
  return [
    h('h3', {}, `国家名单（${national.entries.length}）`),
    h('p', { class: 'hint', testid: 'check-national-sources' }, national.sources.map((s) => `${s.name}：${freshnessText(s)}`).join('；')),
    stale.length ? h('p', { class: 'warn', testid: 'check-national-stale' }, `以下名单未及时更新，核查结果可能不反映最新情况：${stale.map((s) => s.name).join('、')}`) : null,
    national.entries.length === 0
      ? h('p', { class: 'empty', testid: 'check-no-national' }, '该主体不在本县采用的国家名单中。')
      : h(
          'ul',
          { class: 'records' },
          national.entries.map((e) =>
            h(
              'li',
              { testid: 'check-national-entry', 'data-record-id': e.recordId, 'data-source': e.source, 'data-state': e.state, 'data-stale': String(e.stale) },
              h('span', { class: 'kind' }, e.listLabel),
              ` ${e.caseNumber ?? e.documentNumber ?? ''} `,
              h('span', { class: `badge${e.state === 'repaired' ? '' : ' punishment'}`, testid: 'check-national-state' }, e.state === 'repaired' ? '已信用修复，不再惩戒' : '在册'),
              h('span', { class: 'meta' }, `${e.publisher}${e.authority ? ` · ${e.authority.label} ${e.authority.name}` : ''} · ${e.basis.label}：${e.basis.text}${e.listedOn ? ` · 列入日期 ${e.listedOn}` : ''}${e.endsOn ? ` · 公布截止 ${e.endsOn}` : ''}`),
              h('span', { class: 'meta', testid: 'check-national-freshness' }, freshnessText(e)),
            ),
          ),
        ),
  ];
}

function outcomeForm(receipt: CheckReceipt): HTMLElement {
  const saved = h('div', { 'aria-live': 'polite' });
  const applicable = receipt.measures.filter((m) => !m.suspended);
  const punishments = applicable.filter((m) => m.kind === 'punishment');
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
    // Each offered punishment not applied needs its reason (不予适用的理由): unexplained, it is an accountability candidate.
    punishments.length
      ? h(
          'fieldset',
          { testid: 'outcome-not-applied' },
          h('legend', {}, '未采取的惩戒措施及理由'),
          punishments.map((m) =>
            h(
              'div',
              { testid: 'outcome-not-applied-item', 'data-measure-id': m.measureId },
              field(`未采取“${m.name}”的理由`, h('textarea', { rows: 2, maxlength: 1000, required: true, testid: 'outcome-not-applied-reason', 'data-measure-id': m.measureId }), '勾选采取该措施后无需填写'),
            ),
          ),
        )
      : null,
    field('办理结果', h('select', { required: true, testid: 'outcome-decision' }, Object.entries(decisionLabels).map(([value, label]) => h('option', { value }, label)))),
    field('备注', h('textarea', { rows: 2, maxlength: 2000, testid: 'outcome-note' })),
    h('button', { type: 'submit', testid: 'outcome-submit' }, '保存结果'),
    saved,
  );
  // A punishment ticked as applied needs no reason: its reason box is hidden and not required.
  const syncReasons = () => {
    for (const item of form.querySelectorAll<HTMLElement>('[data-testid="outcome-not-applied-item"]')) {
      const applied = form.querySelector<HTMLInputElement>(`[data-testid="outcome-measure"][data-measure-id="${item.dataset.measureId}"]`)?.checked ?? false;
      item.hidden = applied;
      item.querySelector('textarea')!.required = !applied;
    }
  };
  form.addEventListener('change', syncReasons);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const appliedMeasures = [...form.querySelectorAll<HTMLInputElement>('[data-testid="outcome-measure"]:checked')].map((box) => ({ measureId: box.value }));
    const notAppliedMeasures = [...form.querySelectorAll<HTMLElement>('[data-testid="outcome-not-applied-item"]')]
      .filter((item) => !item.hidden)
      .map((item) => ({ measureId: item.dataset.measureId!, reason: item.querySelector('textarea')!.value.trim() }))
      .filter((m) => m.reason);
    const note = valueOf(form, 'outcome-note');
    try {
      await call('record-check-outcome', {
        params: { id: receipt.checkId },
        // The select offers only the declared decisions (labels.ts decisionLabels).
        body: {
          usage: valueOf(form, 'outcome-usage'),
          appliedMeasures,
          ...(notAppliedMeasures.length ? { notAppliedMeasures } : {}),
          decision: valueOf(form, 'outcome-decision') as OutcomeRequest['decision'],
          ...(note ? { note } : {}),
        },
      });
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
    // The select offers only the declared formats.
    const format = (valueOf(form, 'usage-format') || 'xlsx') as NonNullable<ExportFormat>;
    try {
      const file = await callFile('export-usage-list', { params: { period }, query: { format } });
      const link = h('a', { href: URL.createObjectURL(file), download: `使用情况清单-${period}.${format}`, testid: 'usage-file' }, `使用情况清单-${period}.${format}`);
      show(message, h('p', { class: 'ok', testid: 'usage-downloaded' }, '已生成：', link));
      link.click();
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '信用信息使用情况清单'), h('p', { class: 'hint' }, '按本县报送周期下载本部门的清单（未报送的为草稿）。'), form, message);
}
