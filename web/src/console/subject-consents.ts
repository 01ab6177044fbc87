import { ApiError } from '../api.ts';
import { call, type Answer, type CallInput } from '../call.ts';
import { errorBox, h, loading, notice, show, valueOf } from '../dom.ts';
import { consentStatusLabels, recordKindLabels } from '../labels.ts';
import { consentPurposeLabels } from '../../../shared/consents/consent.ts';
import { clearFieldErrors, labelledControl, showFieldError } from './case-views.ts';

/**
 * 授权管理: the subject's consents (shared/consents). It grants one to a bank or company (its USCC) to read
 * its records and/or reports for a purpose until a day at most a year ahead, and revokes one at any time:
 * a revoked consent is kept, marked, and allows nothing from then on.
 */
type Consent = Answer<'list-consents'>['consents'][number];
type Category = CallInput<'create-consent'>['body']['purpose']['category'];

const controls: Record<string, string> = {
  'body.grantee': 'consent-grantee',
  'body.purpose.category': 'consent-category',
  'body.purpose.text': 'consent-purpose',
  'body.purpose': 'consent-purpose',
  'body.scope': 'consent-scope',
  'body.scope.records': 'consent-scope',
  'body.scope.reports': 'consent-scope',
  'body.expiresOn': 'consent-expires',
};

/** The API's rule for a field, in Chinese where the form can say it better (shared/consents/api.ts). */
const fieldTexts: Record<string, string> = {
  'consent-grantee': '请填写被授权机构正确的18位统一社会信用代码。',
  'consent-purpose': '请说明授权用途。',
  'consent-scope': '请至少选择信用记录或信用报告中的一项。',
  'consent-expires': '授权截止日期须在今天至一年之内。',
};

export async function consentsPage(root: HTMLElement): Promise<void> {
  show(root, loading());
  const [county, listed] = await Promise.all([call('get-county-profile'), call('list-consents', { query: { limit: 200 } })]);
  const today = county.date;
  const yearAhead = sameDayNextYear(today);
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel', testid: 'consent-form', novalidate: true, 'aria-label': '授权查询' },
    h('h2', {}, '授权机构查询'),
    labelledControl('被授权机构统一社会信用代码', 'consent-grantee', h('input', { type: 'text', id: 'consent-grantee', required: true, maxlength: 18, autocomplete: 'off', testid: 'consent-grantee', 'aria-required': 'true' }), { required: true, hint: '银行、企业等机构的18位统一社会信用代码。' }),
    labelledControl(
      '授权用途类别',
      'consent-category',
      h('select', { id: 'consent-category', required: true, testid: 'consent-category' }, Object.entries(consentPurposeLabels).map(([value, label]) => h('option', { value }, label))),
      { required: true },
    ),
    labelledControl('授权用途说明', 'consent-purpose', h('input', { type: 'text', id: 'consent-purpose', required: true, maxlength: 500, testid: 'consent-purpose', 'aria-required': 'true' }), { required: true, hint: '例如：流动资金贷款授信审查。' }),
    h(
      'fieldset',
      { id: 'consent-scope', testid: 'consent-scope', 'aria-describedby': 'consent-scope-error' },
      h('legend', {}, '授权范围', h('span', { 'aria-hidden': 'true' }, ' *')),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'records', checked: true, testid: 'consent-scope-records' }), ' 信用记录（有效记录，含未公示的）'),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'reports', testid: 'consent-scope-reports' }), ' 信用报告（有效报告的内容）'),
      h('small', { class: 'field-error', id: 'consent-scope-error', 'data-error-for': 'consent-scope', testid: 'consent-scope-error' }),
    ),
    labelledControl('授权截止日期', 'consent-expires', h('input', { type: 'date', id: 'consent-expires', required: true, min: today, max: yearAhead, testid: 'consent-expires', 'aria-required': 'true' }), {
      required: true,
      hint: `最长一年（至 ${yearAhead}）；到期后授权自动失效。`,
    }),
    h('button', { type: 'submit', testid: 'consent-submit' }, '授权'),
    message,
  );
  // One Idempotency-Key per filled-in form: a double click grants once.
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, message);
    const box = (id: string, text: string) => {
      show(form.querySelector<HTMLElement>(`[data-error-for="${id}"]`)!, text);
      form.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
    };
    const records = form.querySelector<HTMLInputElement>('[data-testid="consent-scope-records"]')!.checked;
    const reports = form.querySelector<HTMLInputElement>('[data-testid="consent-scope-reports"]')!.checked;
    let ok = true;
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(valueOf(form, 'consent-grantee'))) (box('consent-grantee', fieldTexts['consent-grantee']!), (ok = false));
    if (!valueOf(form, 'consent-purpose')) (box('consent-purpose', fieldTexts['consent-purpose']!), (ok = false));
    if (!records && !reports) (box('consent-scope', fieldTexts['consent-scope']!), (ok = false));
    if (!valueOf(form, 'consent-expires')) (box('consent-expires', '请选择授权截止日期。'), (ok = false));
    if (!ok) return;
    try {
      const granted = await call(
        'create-consent',
        {
          body: {
            grantee: valueOf(form, 'consent-grantee').toUpperCase(),
            // The select offers only the declared categories.
            purpose: { category: valueOf(form, 'consent-category') as Category, text: valueOf(form, 'consent-purpose') },
            scope: { records, reports },
            expiresOn: valueOf(form, 'consent-expires'),
          },
        },
        { headers: { 'idempotency-key': idempotencyKey } },
      );
      await consentsPage(root);
      root.prepend(notice(`已授权 ${granted.grantee.name ?? granted.grantee.id} 查询，至 ${granted.expiresOn} 有效。`, 'consent-granted'));
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      const id = field ? controls[field] : undefined;
      if (id && fieldTexts[id]) return box(id, `${fieldTexts[id]}（${(error as Error).message}）`);
      showFieldError(form, error, (f) => controls[f], message);
    }
  });
  show(
    root,
    h('h1', {}, '授权管理'),
    h('p', { class: 'hint' }, '未经您的授权，银行、企业等机构不能查询您的信用信息。您可以随时撤回授权，撤回后对方不能再凭该授权查询；每次查询都记录在“谁查询了我”中。'),
    form,
    h('h2', {}, '我的授权'),
    listed.consents.length === 0
      ? h('p', { class: 'empty', testid: 'consents-empty' }, '暂无授权。')
      : h('ul', { class: 'records', testid: 'consents-list' }, listed.consents.map((c) => consentItem(c, () => consentsPage(root)))),
  );
}

function consentItem(c: Consent, reload: () => Promise<void>): HTMLElement {
  const message = h('span', { 'aria-live': 'polite' });
  const scope = [c.scope.records ? `信用记录${c.scope.kinds ? `（${c.scope.kinds.map((k) => recordKindLabels[k] ?? k).join('、')}）` : ''}` : '', c.scope.reports ? '信用报告' : ''].filter(Boolean).join('、');
  return h(
    'li',
    { testid: 'consent', 'data-consent-id': c.consentId, 'data-status': c.status },
    h('strong', {}, c.grantee.name ?? c.grantee.id),
    ` ${c.grantee.id} `,
    h('span', { class: `badge consent-${c.status}`, testid: 'consent-status' }, consentStatusLabels[c.status] ?? c.status),
    h('span', { class: 'meta' }, ` ${c.purpose.categoryLabel}：${c.purpose.text} · 范围：${scope} · 至 ${c.expiresOn}${c.revoked ? ` · 撤回于 ${c.revoked.on}` : ''}`),
    c.status === 'live' ? revokeControl(c, message, reload) : null,
    message,
  );
}

/** 撤回授权, asked once more before it is done (a revoked consent cannot be restored: a new one is granted instead). */
function revokeControl(c: Consent, message: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const who = c.grantee.name ?? c.grantee.id;
  const slot = h('span', {});
  const ask = () =>
    show(
      slot,
      h('span', { role: 'alert', class: 'warn' }, `撤回后 ${who} 不能再凭此授权查询。`),
      ' ',
      h('button', { type: 'button', testid: 'consent-revoke-confirm', onclick: () => void revoke() }, '确认撤回'),
      ' ',
      h('button', { type: 'button', class: 'secondary', testid: 'consent-revoke-cancel', onclick: () => show(slot, first()) }, '取消'),
    );
  const first = () => h('button', { type: 'button', class: 'secondary', testid: 'consent-revoke', 'aria-label': `撤回授权：${who}`, onclick: ask }, '撤回授权');
  const revoke = async () => {
    try {
      await call('revoke-consent', { params: { id: c.consentId } });
      await reload();
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };
  show(slot, first());
  return slot;
}

/** The same day a year later, 29 February becoming 28 February (as the API counts a year: Civil Code art. 202). */
function sameDayNextYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}
