import { call, type Answer } from '../call.ts';
import { field, h, loading, show, valueOf } from '../dom.ts';
import { failingLabels, usageListStateLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';
import type { Console } from './common.ts';
import { dataQualityPage } from './data-quality.ts';
import { accountabilityPage, officeCoveragePage } from './coverage.ts';
import { officeAssessmentPage, officeBulletinsPage } from './bulletins.ts';
import { agenciesPage } from './office-agencies.ts';
import { stuckCasesPage } from './office-cases.ts';
import { departmentsPage } from './office-departments.ts';
import { machineClientsPage } from './office-machine-clients.ts';
import { officeMatterListsPage } from './office-matter-lists.ts';
import { filingStatusPage } from './office-filings.ts';
import { nationalListsPage } from './office-national-lists.ts';
import { exchangePage } from './office-exchange.ts';
import { allNoticesPage } from './office-notices.ts';
import { reportsPage } from './office-reports.ts';

/**
 * The credit office (信用办): how each department complies in a period, each department's data problems, the
 * registers it keeps (departments, credit service agencies, departments' systems), credit reports to void, stuck cases to restart,
 * and every notice the platform published. One task per page; a new page is one more entry here.
 */
export const creditOfficeConsole: Console = [
  { path: 'compliance', label: '合规情况', page: compliancePage },
  { path: 'quality', label: '问题数据', page: (root, route) => dataQualityPage(root, route, true) },
  { path: 'coverage', label: '覆盖率', page: officeCoveragePage },
  { path: 'accountability', label: '责任追究', page: accountabilityPage },
  { path: 'assessment', label: '考核', page: officeAssessmentPage },
  { path: 'bulletins', label: '月通报', page: officeBulletinsPage },
  { path: 'matter-lists', label: '事项清单审核', page: (root, route) => officeMatterListsPage(root, route) },
  { path: 'filings', label: '报送情况', page: filingStatusPage },
  { path: 'national-lists', label: '国家名单', page: nationalListsPage },
  { path: 'departments', label: '部门管理', page: (root, route) => departmentsPage(root, route) },
  { path: 'agencies', label: '信用服务机构', page: (root) => agenciesPage(root) },
  { path: 'machine-clients', label: '系统接入', page: (root) => machineClientsPage(root) },
  { path: 'exchange', label: '上报交换', page: (root, route) => exchangePage(root, route) },
  { path: 'reports', label: '信用报告', page: (root, route) => reportsPage(root, route) },
  { path: 'cases', label: '受阻案件', page: (root, route) => stuckCasesPage(root, route) },
  // The office's notices are every notice: its own are those to `creditOffice` (the addressee filter).
  { path: 'notices', label: '全部通报', page: allNoticesPage },
];

type Compliance = Answer<'get-compliance'>;

async function compliancePage(root: HTMLElement, route: Route): Promise<void> {
  const period = route.params.get('period') ?? '';
  show(root, loading());
  const answer: Compliance = await call('get-compliance', { query: { period } });
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
