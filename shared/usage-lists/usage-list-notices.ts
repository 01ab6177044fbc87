import type { IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { Department } from '../departments/port.ts';
import type { Notice } from '../notices/port.ts';
import type { UsageListCounts } from './usage-list.ts';
import type { UsagePeriod } from './usage-periods.ts';

/**
 * The notices about usage lists, in Chinese, each naming the department, the period, the due day and the
 * county's rule with its source. Kinds and `about` make each unique per department and period (and, for
 * reminders, per occasion), so publishing twice publishes nothing new.
 */
export const usageListNoticeKinds = { missing: 'usage-list-missing', reminder: 'usage-list-reminder' } as const;

const listName = '行政管理事项中使用信用记录和信用报告的情况清单';

/** The county's rule for this period, as its notice words it, with the document it comes from. */
export function usageListRule(period: UsagePeriod, county: CountyConfig): string {
  const { dueDay, summaries } = county.usageList;
  const source = county.sources[0]!;
  const rule =
    period.kind === 'summary'
      ? (() => {
          const summary = summaries[Number(/S(\d+)$/.exec(period.id)![1]) - 1]!;
          const [month, day] = summary.dueMonthDay.split('-').map(Number);
          return `各部门在每年${month}月${day}日前将${summary.name}报送${county.creditOfficeName}`;
        })()
      : period.kind === 'quarter'
        ? `各部门每季度结束后次月${dueDay}日前将上季度${listName}报送${county.creditOfficeName}`
        : `各部门在每月${dueDay}日前将上月${listName}报送${county.creditOfficeName}`;
  return `依据《${source.title}》（${source.document}），${rule}；截止日遇法定节假日或休息日顺延至其后第一个工作日`;
}

const covering = (period: UsagePeriod) => `${period.name}（${period.firstDay}至${period.lastDay}）`;

/** 通报: a department has not submitted its list of a period after the due day. Public. */
export function usageListMissingNotice(department: Department, period: UsagePeriod, county: CountyConfig, today: IsoDate): Notice {
  return {
    kind: usageListNoticeKinds.missing,
    about: `${department.orgId}#${period.id}`,
    addressee: department.orgId,
    public: true,
    date: today,
    title: `通报：${department.name}未按期报送${period.name}信用记录和信用报告使用情况清单`,
    text:
      `${department.name}应于${period.dueDay}前报送${covering(period)}的${listName}，截至${today}尚未报送。` +
      `${usageListRule(period, county)}。请即报送；逾期未报送的，${county.creditOfficeName}将予以通报。`,
  };
}

/** To the department, on the first day after the period: its list is drafted from its checks, to complete and submit. */
export function usageListDraftedNotice(department: Department, period: UsagePeriod, counts: UsageListCounts, county: CountyConfig, today: IsoDate): Notice {
  const missing = counts.withoutOutcome ? `其中${counts.withoutOutcome}条尚未记录使用情况，请补充记录后报送。` : '';
  return {
    kind: usageListNoticeKinds.reminder,
    about: `${department.orgId}#${period.id}#draft`,
    addressee: department.orgId,
    date: today,
    title: `${department.name}${period.name}信用记录和信用报告使用情况清单已生成草稿`,
    text:
      `${covering(period)}已结束，平台已根据贵单位的信用核查记录生成${listName}草稿：共${counts.checks}条核查记录。${missing}` +
      `请于${period.dueDay}前报送。${usageListRule(period, county)}。`,
  };
}

/** To a department that has not submitted, a few working days before the due day. */
export function usageListDueNotice(department: Department, period: UsagePeriod, workingDaysLeft: number, county: CountyConfig, today: IsoDate): Notice {
  return {
    kind: usageListNoticeKinds.reminder,
    about: `${department.orgId}#${period.id}#due`,
    addressee: department.orgId,
    date: today,
    title: `提醒：${department.name}${period.name}信用记录和信用报告使用情况清单将于${period.dueDay}截止报送`,
    text:
      `贵单位尚未报送${covering(period)}的${listName}，报送截止日为${period.dueDay}（还有${workingDaysLeft}个工作日）。` +
      `${usageListRule(period, county)}。`,
  };
}
