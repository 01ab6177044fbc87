import { call } from '../call.ts';
import { errorBox, field, h, loading, notice, show, valueOf } from '../dom.ts';
import { reportStatusLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';

/**
 * 信用报告: a subject's credit reports as the credit office sees them (GET /subjects/{id}/reports: valid,
 * expired and voided), and voiding one with the reason (POST /reports/{id}/void), e.g. after a major credit
 * crisis of its subject. A voided report is no longer shown in checks or consented queries.
 */
export async function reportsPage(root: HTMLElement, route: Route, _caller?: unknown, saved?: string): Promise<void> {
  const subjectId = route.params.get('subject') ?? '';
  const form = h(
    'form',
    {
      class: 'panel inline',
      testid: 'reports-subject-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        go('/console/reports', { subject: valueOf(event.currentTarget as HTMLFormElement, 'reports-subject') });
      },
    },
    field('主体代码', h('input', { type: 'text', required: true, maxlength: 18, value: subjectId, autocomplete: 'off', testid: 'reports-subject' }), '统一社会信用代码或身份证号码'),
    h('button', { type: 'submit', testid: 'reports-subject-submit' }, '查看报告'),
  );
  const list = h('section', { 'aria-live': 'polite', testid: 'reports-result' });
  show(root, h('h1', {}, '信用报告管理'), h('p', { class: 'hint' }, '查看主体的全部信用报告（有效、已过期、已作废），必要时作废报告并写明理由。'), form, list);
  if (!subjectId) return;
  show(list, loading());
  try {
    const answer = await call('list-subject-reports', { params: { subjectId } });
    show(
      list,
      saved ? notice(saved, 'report-voided') : null,
      answer.reports.length === 0
        ? h('p', { class: 'empty', testid: 'reports-empty' }, '该主体没有信用报告。')
        : h(
            'ul',
            { class: 'records', testid: 'reports-list' },
            answer.reports.map((r) => {
              // A voided report keeps why (the declaration leaves it loose: `voided` is not declared).
              const voided = 'voided' in r && r.voided && typeof r.voided === 'object' ? (r.voided as { reason?: string; at?: string }) : undefined;
              const reason = voided?.reason;
              const voidForm =
                r.status === 'valid'
                  ? h(
                      'form',
                      { class: 'inline', testid: 'report-void-form' },
                      h('input', { type: 'text', required: true, maxlength: 500, placeholder: '作废理由', 'aria-label': `作废 ${r.reportNumber} 的理由`, testid: 'report-void-reason' }),
                      h('button', { type: 'submit', testid: 'report-void-submit' }, '作废'),
                    )
                  : null;
              voidForm?.addEventListener('submit', async (event) => {
                event.preventDefault();
                try {
                  const voided = await call('void-report', { params: { id: r.reportId }, body: { reason: valueOf(voidForm, 'report-void-reason') } });
                  await reportsPage(root, route, undefined, `报告 ${voided.reportNumber} 已作废。`);
                } catch (error) {
                  voidForm.append(errorBox((error as Error).message));
                }
              });
              return h(
                'li',
                { testid: 'report', 'data-report-id': r.reportId, 'data-status': r.status },
                h('strong', {}, r.reportNumber),
                ` ${r.agencyId} · 等级 ${r.rating} · 出具 ${r.issueDate} · 有效期至 ${r.validUntil} `,
                h('span', { class: `badge report-${r.status}`, testid: 'report-status' }, reportStatusLabels[r.status] ?? r.status),
                reason ? h('span', { class: 'meta', testid: 'report-void-note' }, `作废理由：${reason}`) : null,
                voidForm,
              );
            }),
          ),
    );
  } catch (error) {
    show(list, errorBox((error as Error).message));
  }
}
