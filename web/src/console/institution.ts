import { ApiError } from '../api.ts';
import { call, callFile, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, show, valueOf } from '../dom.ts';
import { consentStatusLabels, queryRefusalLabels, reportStatusLabels, statusLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';
import { noticesSection, type Console } from './common.ts';

/**
 * A bank, company or other institution (金融机构/企业): the consents subjects granted it, a query of a
 * subject under one of them (POST /queries: what the consent covers, logged for the subject to see), the
 * subject's public credit information report under it (GET /subjects/{id}/report.pdf?consentId=), its notices.
 * A refusal (no such consent, revoked, expired, beyond its scope) is shown in words, with its code.
 */
export const institutionConsole: Console = [{ path: 'query', label: '授权查询', page: queryPage }, noticesSection];

type Consent = Answer<'list-consents'>['consents'][number];
type QueryResult = Answer<'run-query'>;
/** What the page reads of a record in a query's answer (declared loosely: the record as the consent shows it). */
interface QueriedRecord {
  recordId: string;
  kindLabel: string;
  status: string;
  decisionNumber: string;
  decisionDate: string;
  details?: { authority?: { name?: string } };
  publicity?: { publicUntil?: string | null };
}
interface QueriedReport {
  reportId: string;
  reportNumber: string;
  agencyId: string;
  rating: string;
  issueDate: string;
  validUntil: string;
  status: string;
}

/** A refusal as the institution reads it: the rule in words, then the platform's code. */
function refusal(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.code && queryRefusalLabels[error.code])
    return h('p', { class: 'error', role: 'alert', testid: 'error', 'data-code': error.code }, `查询被拒绝：${queryRefusalLabels[error.code]}（${error.code}）`);
  return errorBox((error as Error).message);
}

async function queryPage(root: HTMLElement, route: Route): Promise<void> {
  show(root, loading());
  const answer = await call('list-consents', { query: { limit: 200 } });
  const subjectId = route.params.get('subject') ?? '';
  const consentId = route.params.get('consent') ?? '';
  const result = h('section', { 'aria-live': 'polite', testid: 'query-result' });

  const form = h(
    'form',
    { class: 'panel', testid: 'query-form' },
    h('h2', {}, '查询主体信用信息'),
    field('主体代码', h('input', { type: 'text', required: true, maxlength: 18, value: subjectId, autocomplete: 'off', testid: 'query-subject' }), '统一社会信用代码或身份证号码'),
    field('授权编号', h('input', { type: 'text', required: true, maxlength: 40, value: consentId, autocomplete: 'off', testid: 'query-consent' }), '主体向本机构作出的授权（见上表）'),
    field('查询用途', h('input', { type: 'text', required: true, maxlength: 500, value: route.params.get('purpose') ?? '', testid: 'query-purpose' }), '本次查询服务的业务，如贷款申请编号'),
    h('button', { type: 'submit', testid: 'query-submit' }, '查询'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(result, loading());
    const subject = valueOf(form, 'query-subject');
    try {
      const queried = await call('run-query', { body: { subjectId: subject, consentId: valueOf(form, 'query-consent'), purpose: valueOf(form, 'query-purpose') } });
      show(result, queryAnswer(queried, subject));
    } catch (error) {
      show(result, refusal(error));
    }
  });

  show(
    root,
    h('h1', {}, '经授权查询'),
    h('p', { class: 'hint' }, '凭信用主体的授权查询其信用记录和信用报告，或下载其公共信用信息报告。每次查询（包括被拒绝的）都会记录，信用主体可以看到。'),
    consentsTable(answer.consents),
    form,
    result,
  );
}

/** The consents granted to the institution, each with its scope and last day, and the way to use it. */
function consentsTable(consents: Consent[]): HTMLElement {
  if (consents.length === 0) return h('p', { class: 'empty', testid: 'consents-empty' }, '还没有信用主体向本机构授权。');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { testid: 'consents-table' },
      h('caption', {}, `向本机构作出的授权（${consents.length}）`),
      h('thead', {}, h('tr', {}, ['授权编号', '主体', '用途', '范围', '有效期至', '状态', '查询'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        consents.map((c) =>
          h(
            'tr',
            { testid: 'consent-row', 'data-consent-id': c.consentId, 'data-status': c.status },
            h('td', { testid: 'consent-id' }, c.consentId),
            h('td', {}, c.subject.id),
            h('td', {}, `${c.purpose.categoryLabel}：${c.purpose.text}`),
            h('td', {}, [c.scope.records ? `信用记录${c.scope.kinds ? `（${c.scope.kinds.length}类）` : ''}` : '', c.scope.reports ? '信用报告' : ''].filter(Boolean).join('、')),
            h('td', {}, c.expiresOn),
            h('td', {}, h('span', { class: `badge consent-${c.status}` }, consentStatusLabels[c.status] ?? c.status)),
            h(
              'td',
              {},
              c.status === 'live' && c.subject.type === 'uscc'
                ? h('button', { type: 'button', testid: 'consent-use', onclick: () => go('/console/query', { subject: c.subject.id, consent: c.consentId, purpose: c.purpose.text }) }, '使用')
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/** What the query answered: the subject, the consent it read under, the records and reports in its scope, and the report PDF. */
function queryAnswer(q: QueryResult, typedSubjectId: string): HTMLElement[] {
  const records = q.records as QueriedRecord[];
  const reports = q.reports as QueriedReport[];
  return [
    h('h2', { testid: 'query-subject-shown', 'data-query-id': q.queryId }, `${q.subject.name ?? ''} ${q.subject.id}`),
    facts([
      ['查询编号', q.queryId, 'query-id'],
      ['查询时间', new Date(q.queriedAt).toLocaleString('zh-CN'), undefined],
      ['授权编号', q.consent.consentId, 'query-consent-shown'],
      ['授权有效期至', q.consent.expiresOn, undefined],
      ['本次查询范围', [q.scope.records ? '信用记录' : '', q.scope.reports ? '信用报告' : ''].filter(Boolean).join('、'), 'query-scope'],
    ]),
    h('h3', {}, `信用记录（${records.length}）`),
    records.length === 0
      ? h('p', { class: 'empty', testid: 'query-no-records' }, q.scope.records ? '该主体没有有效的信用记录。' : '授权不含信用记录。')
      : h(
          'ul',
          { class: 'records', testid: 'query-records' },
          records.map((r) =>
            h(
              'li',
              { testid: 'query-record', 'data-record-id': r.recordId, 'data-status': r.status },
              h('span', { class: 'kind' }, r.kindLabel),
              ` ${r.decisionNumber} `,
              h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status),
              h('span', { class: 'meta' }, `决定日期 ${r.decisionDate}${r.details?.authority?.name ? ` · ${r.details.authority.name}` : ''}`),
            ),
          ),
        ),
    h('h3', {}, `信用报告（${reports.length}）`),
    reports.length === 0
      ? h('p', { class: 'empty', testid: 'query-no-reports' }, q.scope.reports ? '该主体没有有效的信用报告。' : '授权不含信用报告。')
      : h(
          'ul',
          { class: 'records', testid: 'query-reports' },
          reports.map((r) =>
            h(
              'li',
              { testid: 'query-report', 'data-report-id': r.reportId },
              `${r.reportNumber} · ${r.agencyId} · 等级 ${r.rating} · 出具 ${r.issueDate} · 有效期至 ${r.validUntil} `,
              h('span', { class: 'badge' }, reportStatusLabels[r.status] ?? r.status),
            ),
          ),
        ),
    // The subject as typed: a person's number is answered masked, and the report is asked for by the whole one.
    reportDownload(typedSubjectId, q.consent.consentId),
  ];
}

/** The subject's public credit information report under the consent (its records of every kind must be covered). */
function reportDownload(subjectId: string, consentId: string): HTMLElement {
  const message = h('span', { 'aria-live': 'polite' });
  return h(
    'p',
    {},
    h(
      'button',
      {
        type: 'button',
        testid: 'query-report-download',
        onclick: async () => {
          show(message, ' 生成中…');
          try {
            const file = await callFile('get-credit-report', { params: { subjectId }, query: { consentId } });
            const link = h('a', { href: URL.createObjectURL(file), download: '公共信用信息报告.pdf', testid: 'query-report-file' }, '公共信用信息报告.pdf');
            show(message, ' ', link);
            link.click();
          } catch (error) {
            show(message, refusal(error));
          }
        },
      },
      '下载公共信用信息报告（PDF）',
    ),
    message,
  );
}
