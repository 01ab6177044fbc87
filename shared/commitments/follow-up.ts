import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { commitmentModeLabels, type CountyConfig } from '../config/county-config.ts';
import { publishNotice, type Notice } from '../notices/port.ts';
import type { StoredCommitment } from './commitment.ts';
import { markFollowUp, openCommitmentsDueBy } from './commitment-store.ts';

/**
 * The daily follow-up of commitments taken at approval: reads only open commitments due within the county's
 * reminder days (the sparse open index); reminds the department once before the due day, and, once past it with
 * no result, tells the department and the credit office. Idempotent per commitment and step (the notice's key
 * and the mark), so a re-run or a catch-up of skipped days sends nothing twice.
 */
export async function followUpCommitments(args: { county: CountyConfig; calendar: WorkingDayCalendar; today: IsoDate; now: Date }) {
  const { county, today } = args;
  const horizon = addWorkingDays(today, county.commitments.reminderWorkingDays.days, args.calendar);
  const due = await openCommitmentsDueBy(horizon);
  let reminded = 0;
  let overdue = 0;
  for (const c of due) {
    if (c.dueDate >= today && !c.remindedOn) {
      await publishNotice(reminder(c, today), args.now);
      await markFollowUp(c.recordId, 'remindedOn', today);
      reminded++;
    } else if (c.dueDate < today && !c.overdueNoticeOn) {
      for (const notice of overdueNotices(c, today, county)) await publishNotice(notice, args.now);
      await markFollowUp(c.recordId, 'overdueNoticeOn', today);
      overdue++;
    }
  }
  return { read: due.length, reminded, overdue };
}

const what = (c: StoredCommitment) => `${c.subject.name}在「${c.matter.name}」（编号 ${c.matter.reference}）中作出的${commitmentModeLabels[c.mode]}（${c.promised.join('；')}）`;

function reminder(c: StoredCommitment, today: IsoDate): Notice {
  return {
    kind: 'commitment-due',
    about: `${c.departmentOrgId}#${c.recordId}`,
    addressee: c.departmentOrgId,
    title: `信用承诺即将到期：${c.subject.name}`,
    text: `${what(c)}将于 ${c.dueDate} 到期。请核查履约情况，并在平台登记“已履约”或“违反承诺”（POST /commitments/${c.recordId}/result）。`,
    date: today,
  };
}

function overdueNotices(c: StoredCommitment, today: IsoDate, county: CountyConfig): Notice[] {
  const text = `${what(c)}已于 ${c.dueDate} 到期，尚未登记核查结果。`;
  return [
    { kind: 'commitment-overdue', about: `${c.departmentOrgId}#${c.recordId}`, addressee: c.departmentOrgId, title: `信用承诺到期未登记结果：${c.subject.name}`, text: `${text}请尽快核查并登记。`, date: today },
    { kind: 'commitment-overdue-office', about: `creditOffice#${c.recordId}`, addressee: 'creditOffice', title: `部门信用承诺到期未跟踪：${c.departmentOrgId}`, text: `${county.creditOfficeName}：${c.departmentOrgId} 的${text}`, date: today },
  ];
}
