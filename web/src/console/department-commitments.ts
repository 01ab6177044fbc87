import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf, type Child } from '../dom.ts';
import { go, href, type Route } from '../router.ts';

/**
 * 信用承诺: the commitments the department took at the point of approval (a check's 告知承诺, 容缺受理 or 信用承诺),
 * by due day, those past it without a result flagged; for each open one, the department's finding: kept (with
 * what it found), or breached (the breach facts), which makes a commitment-breach record on the subject.
 */
type Commitment = Answer<'list-commitments'>['commitments'][number];
type CommitmentState = NonNullable<NonNullable<CallInput<'list-commitments'>['query']>['state']>;
type ResultBody = CallInput<'record-commitment-result'>['body'];

const stateLabels: Record<CommitmentState, string> = { open: '待核查履约', fulfilled: '已履约', breached: '违反承诺' };
/** The result as kept (the declaration keeps it loose): a breach names the commitment-breach record made of it. */
interface Result {
  result: 'fulfilled' | 'breached';
  recordedAt: string;
  note?: string;
  breachFacts?: string;
  breachRecordId?: string;
}
const resultOf = (c: Commitment): Result | undefined => c.result as Result | undefined;

export async function commitmentsPage(root: HTMLElement, route: Route, _caller?: unknown, saved?: Child): Promise<void> {
  const state = route.params.get('state') ?? '';
  const select = h(
    'select',
    { id: 'commitments-state', testid: 'commitments-state' },
    h('option', { value: '' }, '全部'),
    Object.entries(stateLabels).map(([value, label]) => h('option', { value, selected: value === state }, label)),
  );
  const filter = h(
    'form',
    { class: 'panel inline', role: 'search', 'aria-label': '按状态筛选', testid: 'commitments-filter' },
    h('div', { class: 'field' }, h('label', { for: 'commitments-state', class: 'label' }, '状态'), select),
    h('button', { type: 'submit', testid: 'commitments-submit' }, '筛选'),
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/console/commitments', { state: select.value });
  });
  const list = h('section', { 'aria-live': 'polite', testid: 'commitments-result' }, loading());
  show(
    root,
    h('h1', {}, '信用承诺'),
    h('p', { class: 'hint' }, '在信用核查时收取的告知承诺、容缺受理承诺和信用承诺，按履约期限排列。期限前请核查履约情况并登记：已履约，或违反承诺（将形成违反信用承诺记录，依规公示）。'),
    filter,
    saved ? h('div', { 'aria-live': 'polite' }, saved) : null,
    list,
  );
  const { commitments } = await call('list-commitments', { query: state ? { state: state as CommitmentState } : {} });
  const again = (note: Child) => commitmentsPage(root, route, undefined, note);
  show(
    list,
    commitments.length === 0
      ? h('p', { class: 'empty', testid: 'commitments-empty' }, '没有符合条件的信用承诺。')
      : h('ol', { class: 'notices', testid: 'commitments-list' }, commitments.map((c) => commitmentItem(c, again))),
  );
}

function commitmentItem(c: Commitment, again: (note: Child) => Promise<void>): HTMLElement {
  const result = resultOf(c);
  return h(
    'li',
    { testid: 'commitment', 'data-record-id': c.recordId, 'data-state': c.state, 'data-overdue': String(c.overdue) },
    h(
      'h2',
      {},
      `${c.modeLabel}：${c.subject.name} `,
      h('span', { class: `badge${c.state === 'breached' ? ' status-revoked' : c.state === 'fulfilled' ? ' status-active' : ''}`, testid: 'commitment-state' }, stateLabels[c.state]),
      c.overdue ? [' ', h('span', { class: 'badge status-revoked', testid: 'commitment-overdue' }, '已逾期')] : null,
    ),
    facts([
      ['承诺记录编号', c.recordId, 'commitment-id'],
      ['主体', `${c.subject.name} ${c.subject.id}`, undefined],
      ['事项', `${c.matter.typeName} · ${c.matter.reference} · ${c.matter.name}`, 'commitment-matter'],
      ['承诺事项', c.promised.map((p, i) => `${i + 1}. ${p}`).join('；'), 'commitment-promised'],
      ['履约期限', c.dueDate, 'commitment-due'],
      ['承诺日期', c.takenOn, undefined],
      ['核查编号', c.checkId, undefined],
    ]),
    h('details', {}, h('summary', {}, '承诺书内容'), h('p', { testid: 'commitment-text' }, c.text)),
    result ? resultShown(result) : c.state === 'open' ? resultForm(c, again) : null,
  );
}

function resultShown(result: Result): HTMLElement {
  const rows: Parameters<typeof facts>[0] = [['核查结果', stateLabels[result.result], undefined]];
  if (result.note) rows.push(['核查情况', result.note, 'commitment-note-shown']);
  if (result.breachFacts) rows.push(['违诺事实', result.breachFacts, 'commitment-breach-facts']);
  if (result.breachRecordId) rows.push(['违反信用承诺记录', h('a', { href: href('/console/records', { id: result.breachRecordId }), testid: 'commitment-breach-record' }, result.breachRecordId)]);
  rows.push(['登记时间', new Date(result.recordedAt).toLocaleString('zh-CN')]);
  return h('div', { class: result.result === 'breached' ? 'warn' : 'ok', testid: 'commitment-result', 'data-result': result.result }, facts(rows));
}

function resultForm(c: Commitment, again: (note: Child) => Promise<void>): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const name = `commitment-result-${c.recordId}`;
  const fulfilled = h('div', { testid: 'commitment-fulfilled-fields' }, field('核查情况（可选）', h('textarea', { rows: 2, maxlength: 2000, testid: 'commitment-note' })));
  const breached = h(
    'div',
    { testid: 'commitment-breached-fields', hidden: true },
    field('违诺事实', h('textarea', { rows: 3, maxlength: 4000, testid: 'commitment-breach-facts-input' }), '未履行的承诺事项及核查情况，将记入违反信用承诺记录'),
    field('认定文书号（可选）', h('input', { type: 'text', maxlength: 100, testid: 'commitment-decision-number' }), '不填则按承诺记录生成'),
    field('处理内容（可选）', h('textarea', { rows: 2, maxlength: 4000, testid: 'commitment-content' }), '如撤销许可、限期整改'),
  );
  const radio = (value: 'fulfilled' | 'breached', label: string) =>
    h('label', { class: 'check' }, h('input', { type: 'radio', name, value, checked: value === 'fulfilled', testid: `commitment-result-${value}` }), ` ${label}`);
  const form = h(
    'form',
    { class: 'panel', testid: 'commitment-result-form' },
    h('fieldset', {}, h('legend', {}, '登记履约情况'), radio('fulfilled', '已履约'), radio('breached', '违反承诺')),
    fulfilled,
    breached,
    h('button', { type: 'submit', testid: 'commitment-result-submit' }, '登记'),
    message,
  );
  const chosen = () => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value as 'fulfilled' | 'breached';
  form.addEventListener('change', () => {
    const breach = chosen() === 'breached';
    fulfilled.hidden = breach;
    breached.hidden = !breach;
    breached.querySelector('textarea')!.required = breach;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let body: ResultBody;
    if (chosen() === 'breached') {
      const decisionNumber = valueOf(form, 'commitment-decision-number');
      const content = valueOf(form, 'commitment-content');
      body = { result: 'breached', breachFacts: valueOf(form, 'commitment-breach-facts-input'), ...(decisionNumber ? { decisionNumber } : {}), ...(content ? { content } : {}) };
    } else {
      const note = valueOf(form, 'commitment-note');
      body = { result: 'fulfilled', ...(note ? { note } : {}) };
    }
    try {
      const recorded = await call('record-commitment-result', { params: { id: c.recordId }, body });
      const breachRecordId = resultOf(recorded)?.breachRecordId;
      await again(
        recorded.state === 'breached'
          ? h(
              'p',
              { class: 'ok', role: 'status', testid: 'commitment-saved' },
              `已登记违反承诺：${recorded.subject.name}。违反信用承诺记录 `,
              h('strong', { testid: 'commitment-saved-breach-record' }, breachRecordId ?? '—'),
              ' 已生成。',
            )
          : notice(`已登记履约：${recorded.subject.name}`, 'commitment-saved'),
      );
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  });
  return form;
}
