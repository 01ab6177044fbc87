import { call, callFile, type Answer } from '../call.ts';
import { errorBox, h, loading, show } from '../dom.ts';
import { publicityEnd, statusLabels } from '../labels.ts';
import { href, type Route } from '../router.ts';
import type { Caller } from '../session.ts';
import { noticesSection, type Console } from './common.ts';
import { objectionsPage, repairsPage } from './subject-cases.ts';
import { consentsPage } from './subject-consents.ts';

/**
 * A credit subject (信用主体): its records and report, who looked at it, its objections (with evidence, added
 * while open) and credit repair applications (subject-cases.ts), its consents to institutions
 * (subject-consents.ts), its notices.
 */
export const subjectConsole: Console = [
  { path: 'records', label: '我的信用记录', page: myRecordsPage },
  { path: 'looks', label: '谁查询了我', page: looksPage },
  { path: 'objections', label: '异议申诉', page: objectionsPage },
  { path: 'repairs', label: '信用修复', page: repairsPage },
  { path: 'consents', label: '授权管理', page: consentsPage },
  noticesSection,
];

type SubjectRecord = Answer<'list-subject-records'>['records'][number];

/**
 * What these pages read of a record that the declaration leaves loose (shared/records/api.ts: a record as
 * kept has `publicity: unknown` and no declared `objectionId`; the public projection has neither either way).
 */
const objectionOf = (r: SubjectRecord): string | undefined => ('objectionId' in r && typeof r.objectionId === 'string' ? r.objectionId : undefined);
const publicUntilOf = (r: SubjectRecord): string | null | undefined => (r.publicity as { publicUntil?: string | null } | undefined)?.publicUntil;
const repairFromOf = (r: SubjectRecord): string | null | undefined => (r.publicity as { repairEligibleFrom?: string | null } | undefined)?.repairEligibleFrom;
/** 不予公示 and why, on the subject's own records (shared/records/non-publication.ts). */
const withheldOf = (r: SubjectRecord): { label: string; source: string; note?: string } | undefined =>
  'withheld' in r && r.withheld && typeof r.withheld === 'object' ? (r.withheld as { label: string; source: string; note?: string }) : undefined;

async function myRecordsPage(root: HTMLElement, _route: Route, caller: Caller): Promise<void> {
  show(root, loading());
  const [answer, county] = await Promise.all([call('list-subject-records', { params: { subjectId: caller.orgId } }), call('get-county-profile')]);
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
              // Past its repair date (and not under objection): the subject may ask for credit repair.
              !objectionId && (r.status === 'active' || r.status === 'corrected') && repairFromOf(r) && repairFromOf(r)! <= county.date
                ? [' ', h('a', { href: href('/console/repairs', { record: r.recordId }), testid: 'my-record-repair' }, '申请信用修复')]
                : null,
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

type Look = Answer<'list-my-checks'>['checks'][number];
/**
 * The system (a department's or institution's machine client, through the API) that made the check or query,
 * when the answer names one (`by.system`, or a `system` with its client id): shown when present, never required.
 */
function systemOf(c: Look): { name: string; clientId?: string } | undefined {
  const named = (c.by as { system?: unknown }).system;
  if (typeof named === 'string' && named) return { name: named };
  const system = (c as { system?: unknown }).system;
  if (!system || typeof system !== 'object') return undefined;
  const { clientId, name } = system as { clientId?: unknown; name?: unknown };
  if (typeof name !== 'string' && typeof clientId !== 'string') return undefined;
  return { name: typeof name === 'string' ? name : String(clientId), ...(typeof clientId === 'string' ? { clientId } : {}) };
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
              systemOf(c) ? h('span', { class: 'meta', testid: 'look-system' }, `经由系统：${systemOf(c)!.name}${systemOf(c)!.clientId ? `（${systemOf(c)!.clientId}）` : ''}`) : null,
              c.refused ? h('span', { class: 'badge status-revoked' }, `被拒绝：${c.refused.code}`) : null,
            ),
          ),
        ),
  );
}
