import type { CountyConfig } from '../config/county-config.ts';
import type { AssessedMonth } from '../compliance/port.ts';
import type { BulletinContent, BulletinTrendPoint } from './bulletin-content.ts';

/** e.g. 郏县2026年11月在行政管理事项中使用信用记录和信用报告情况通报 */
export const bulletinTitle = (county: Pick<CountyConfig, 'name'>, month: string) =>
  `${county.name}${month.slice(0, 4)}年${Number(month.slice(5, 7))}月在行政管理事项中使用信用记录和信用报告情况通报`;

/** The county's totals of an assessed month: one point of the trend (pure). */
export function trendPoint(assessed: Pick<AssessedMonth, 'month' | 'departments'>): BulletinTrendPoint {
  const sum = (f: (d: AssessedMonth['departments'][number]) => number) => assessed.departments.reduce((n, d) => n + f(d), 0);
  const handled = sum((d) => d.mattersHandled);
  const due = assessed.departments.filter((d) => d.usageList !== 'notDue');
  return {
    month: assessed.month,
    checks: sum((d) => d.checks),
    coverage: handled === 0 ? null : sum((d) => d.mattersChecked) / handled,
    latePublications: sum((d) => d.latePublications),
    overdueAnswers: sum((d) => d.overdueAnswers),
    listsOnTime: due.filter((d) => d.usageList === 'onTime').length,
    listsDue: due.length,
  };
}

/**
 * The bulletin's content from the assessed month, the trend before it (oldest first) and the office's text
 * (pure): the departments best score first, the accountability list by department and day.
 */
export function assembleBulletin(args: {
  county: CountyConfig;
  assessed: AssessedMonth;
  earlier: BulletinTrendPoint[];
  officeText: string[];
  state: BulletinContent['state'];
  publishedOn?: string;
}): BulletinContent {
  const { county, assessed } = args;
  return {
    county: { id: county.id, name: county.name, creditOfficeName: county.creditOfficeName, siteName: county.siteName },
    month: assessed.month,
    title: bulletinTitle(county, assessed.month),
    state: args.state,
    ...(args.publishedOn ? { publishedOn: args.publishedOn } : {}),
    asOf: assessed.asOf,
    officeText: args.officeText,
    ...(county.bulletins.reportedTo?.bodies.length ? { reportedTo: county.bulletins.reportedTo.bodies } : {}),
    departments: assessed.departments.map((d) => ({
      orgId: d.orgId,
      name: d.name,
      checks: d.checks,
      withOutcome: d.withOutcome,
      mattersHandled: d.mattersHandled,
      mattersChecked: d.mattersChecked,
      coverage: d.coverage,
      latePublications: d.latePublications,
      overdueAnswers: d.overdueAnswers,
      usageList: d.usageList,
      filings: d.filings,
      score: d.score,
      rank: d.rank,
      accountabilityCandidates: d.accountabilityCandidates,
    })),
    trend: [...args.earlier.filter((p) => p.month < assessed.month), trendPoint(assessed)].slice(-county.bulletins.trendMonths),
    accountability: [...assessed.accountability]
      .sort((a, b) => a.department.localeCompare(b.department, 'zh') || a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference))
      .map((a) => ({ department: a.department, kind: a.kind, reference: a.reference, matterName: a.matterName, subject: a.subject, date: a.date, detail: a.detail })),
    scoring: {
      rules: assessed.rules.map((r) => ({ name: r.name, weight: r.weight, description: r.deductPerItem ? `${r.description}（每项扣${r.deductPerItem}分）` : r.description })),
      clause: `${assessed.clause}；权重：${assessed.weightsClause}`,
    },
  };
}
