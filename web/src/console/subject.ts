import { call, callFile, type Answer } from '../call.ts';
import { errorBox, facts, field, h, loading, notice, show, valueOf } from '../dom.ts';
import { caseEventLabels, caseStateLabels, publicityEnd, statusLabels } from '../labels.ts';
import { go, href, type Route } from '../router.ts';
import type { Caller } from '../session.ts';
import { noticesSection, type Console } from './common.ts';

/** A credit subject (信用主体): its records and report, who looked at it, its objections, its notices. */
export const subjectConsole: Console = [
  { path: 'records', label: '我的信用记录', page: myRecordsPage },
  { path: 'looks', label: '谁查询了我', page: looksPage },
  { path: 'objections', label: '异议申诉', page: objectionsPage },
  noticesSection,
];

type SubjectRecord = Answer<'list-subject-records'>['records'][number];

/**
 * What these pages read of a record that the declaration leaves loose (shared/records/api.ts: a record as
 * kept has `publicity: unknown` and no declared `objectionId`; the public projection has neither either way).
 */
const objectionOf = (r: SubjectRecord): string | undefined => ('objectionId' in r && typeof r.objectionId === 'string' ? r.objectionId : undefined);
const publicUntilOf = (r: SubjectRecord): string | null | undefined => (r.publicity as { publicUntil?: string | null } | undefined)?.publicUntil;
/** 不予公示 and why, on the subject's own records (shared/records/non-publication.ts). */
const withheldOf = (r: SubjectRecord): { label: string; source: string; note?: string } | undefined =>
  'withheld' in r && r.withheld && typeof r.withheld === 'object' ? (r.withheld as { label: string; source: string; note?: string }) : undefined;

async function myRecordsPage(root: HTMLElement, _route: Route, caller: Caller): Promise<void> {
  show(root, loading());
  const answer = await call('list-subject-records', { params: { subjectId: caller.orgId } });
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
          answer.records.map((r) => {
            const objectionId = objectionOf(r);
            return h(
              'li',
              { testid: 'my-record', 'data-record-id': r.recordId, 'data-status': r.status },
              h('span', { class: 'kind' }, r.kindLabel),
              ` ${r.decisionNumber} `,
              h('span', { class: `badge status-${r.status}` }, statusLabels[r.status] ?? r.status),
              // A record not published has no publicity to end: its period still ends its use in checks.
              h('span', { class: 'meta' }, `决定日期 ${r.decisionDate} · ${withheldOf(r) ? '用于核查至' : '公示截止'} ${publicityEnd(publicUntilOf(r))}`),
              withheldNote(withheldOf(r)),
              objectionId
                ? h('a', { href: href(`/console/objections/${objectionId}`), testid: 'my-record-objection' }, `查看异议 ${objectionId}`)
                : h('a', { href: href('/console/objections', { record: r.recordId }), testid: 'my-record-object' }, '提出异议'),
            );
          }),
        ),
  );
}

/** A record not published: the mark, the reason, its source and the department's explanation, for the subject itself. */
function withheldNote(withheld: { label: string; source: string; note?: string } | undefined): HTMLElement | null {
  if (!withheld) return null;
  return h(
    'span',
    { class: 'withheld', testid: 'my-record-withheld' },
    h('span', { class: 'badge withheld' }, '不予公示'),
    ` ${withheld.label}${withheld.note ? `：${withheld.note}` : ''}（依据 ${withheld.source}）。此记录仅用于部门核查，不在公示网站、公示名单和公共信用信息报告中出现。`,
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
            const file = await callFile('get-credit-report', { params: { subjectId } });
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
  const answer = await call('list-my-checks', { query: { limit: 200 } });
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
              h('span', { class: 'meta' }, c.matter ? `${c.matter.typeName ?? ''} ${c.matter.name ?? ''} ${c.matter.reference ?? ''}` : ''),
              c.refused ? h('span', { class: 'badge status-revoked' }, `被拒绝：${c.refused.code}`) : null,
            ),
          ),
        ),
  );
}

type Case = Answer<'get-objection'>;
/** A case's answer, which the declaration leaves `unknown` (shared/cases/api.ts, caseBody): what the page shows of it. */
const answerOf = (c: Case) => c.answer as { outcome?: string; reasoning?: string } | undefined;

async function objectionsPage(root: HTMLElement, route: Route, caller: Caller): Promise<void> {
  const caseId = route.segments[2];
  if (caseId) return objectionDetail(root, caseId);
  show(root, loading());
  const [records, cases] = await Promise.all([call('list-subject-records', { params: { subjectId: caller.orgId } }), call('list-objections')]);
  const open = records.records.filter((r) => !objectionOf(r) && r.status !== 'revoked' && r.status !== 'repaired');
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
      const raised = await call('raise-objection', { body: { recordId: valueOf(form, 'objection-record'), reason: valueOf(form, 'objection-reason') } });
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
  const c = await call('get-objection', { params: { id: caseId } });
  const answer = answerOf(c);
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
        ...(answer?.outcome ? ([['核查结论', `${answer.outcome}：${answer.reasoning ?? ''}`, 'objection-answer']] as [string, string, string][]) : []),
      ]),
      h('h2', {}, '办理过程'),
      h('ol', { class: 'history', testid: 'objection-history' }, c.history.map((e) => h('li', { 'data-event': e.event }, `${new Date(e.at).toLocaleString('zh-CN')} ${caseEventLabels[e.event] ?? e.event}${e.note ? `（${e.note}）` : ''}`))),
    ),
    h('a', { href: href('/console/objections'), testid: 'objection-back' }, '返回异议列表'),
  );
}
