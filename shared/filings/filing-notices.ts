import type { IsoDate } from '../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import type { Department } from '../departments/port.ts';
import type { Notice } from '../notices/port.ts';
import type { FilingPeriod } from './filing-periods.ts';

/**
 * The notices about narrative filings, in Chinese, each naming the department, the period, the due day and the
 * clause that asks for the filing. Kind and `about` make each unique per department, kind and period (a
 * reminder once per occasion), so the daily scan publishes nothing twice.
 */
export const filingNoticeKinds = { reminder: 'filing-reminder', missing: 'filing-missing', missingOffice: 'filing-missing-office' } as const;

function kindOfPeriod(county: CountyConfig, period: FilingPeriod) {
  return county.filings.kinds.find((k) => k.id === period.kind)!;
}

function rule(county: CountyConfig, period: FilingPeriod): string {
  const kind = kindOfPeriod(county, period);
  const due = kind.dueSource ? `；报送日期：${clauseLabel(kind.dueSource)}` : '';
  return `依据：${clauseLabel(kind.source)}${'quote' in kind.source && kind.source.quote ? `（“${kind.source.quote}”）` : ''}${due}；截止日遇法定节假日或休息日顺延至其后第一个工作日`;
}

/** To a department that has not filed, within the kind's reminder days before the due day. */
export function filingReminderNotice(department: Department, period: FilingPeriod, county: CountyConfig, today: IsoDate): Notice {
  const kind = kindOfPeriod(county, period);
  return {
    kind: filingNoticeKinds.reminder,
    about: `${department.orgId}#${period.kind}#${period.id}#due`,
    addressee: department.orgId,
    date: today,
    title: `提醒：${department.name}${period.name}将于${period.dueDay}截止报送`,
    text: `贵单位尚未报送${period.name}（${kind.contains}），报送截止日为${period.dueDay}。请在平台“工作总结与制度措施报送”上传文件（PDF 或 Word）。${rule(county, period)}。`,
  };
}

/** 通报 after the due day: to the department (public, like a missing usage list) and to the credit office. */
export function filingMissingNotices(department: Department, period: FilingPeriod, county: CountyConfig, today: IsoDate): Notice[] {
  const what = `${department.name}应于${period.dueDay}前向${county.creditOfficeName}报送${period.name}，截至${today}尚未报送。`;
  return [
    {
      kind: filingNoticeKinds.missing,
      about: `${department.orgId}#${period.kind}#${period.id}`,
      addressee: department.orgId,
      public: true,
      date: today,
      title: `通报：${department.name}未按期报送${period.name}`,
      text: `${what}${rule(county, period)}。请即报送。`,
    },
    {
      kind: filingNoticeKinds.missingOffice,
      about: `creditOffice#${department.orgId}#${period.kind}#${period.id}`,
      addressee: 'creditOffice',
      date: today,
      title: `部门逾期未报送：${department.name}${period.name}`,
      text: `${what}${rule(county, period)}。`,
    },
  ];
}
