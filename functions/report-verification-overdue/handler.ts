import { localDate } from '../../shared/calendar/dates.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { publishNotice } from '../../shared/notices/publish-notice.ts';
import { markOverdue } from '../../shared/verification/verification-cases.ts';
import { overdueVerificationInput } from '../../shared/workflows/verification-case.ts';

export const handler = backgroundHandler(overdueVerificationInput, async ({ event, county }) => {
  const now = new Date();
  await markOverdue(event.caseId, now);
  const { published } = await publishNotice(
    {
      kind: 'verification-overdue',
      about: event.caseId,
      addressee: event.providerOrgId,
      date: localDate(now, county.timeZone),
      title: `异议核查逾期：${event.providerOrgId}`,
      text: `信息提供单位 ${event.providerOrgId} 未在 ${event.deadline.answerBy} 前（${county.deadlines.objectionAnswerWorkingDays}个工作日）答复记录 ${event.recordId} 的异议核查（案件 ${event.caseId}）。`,
    },
    now,
  );
  return { caseId: event.caseId, published };
});
