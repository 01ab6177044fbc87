import { addDays } from '../../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../../config/county-config.ts';
import { recordKindLabels } from '../../config/record-kinds.ts';
import type { Notice } from '../../notices/port.ts';
import { readSubject, statusOf } from '../../records/port.ts';
import { creditCrisisAfter, reportsOf, validReports } from '../../reports/port.ts';
import { tableName } from '../../storage/resource-names.ts';
import { queryAll } from '../../storage/query-all.ts';
import { keys } from '../../storage/keys.ts';
import { creditTable } from '../../storage/tables.ts';
import type { OverdueSource } from './overdue-source.ts';

/** The rule as the notices word it, with the county's clause of the report's validity (or the platform's default). */
const crisisRule = (county: CountyConfig) =>
  `信用报告有效期内信用主体出现重大信用危机的，需重新信用评价（有效期依据：${clauseLabel(county.deadlineClauses['deadlines.reportValidityMonths'])}）`;

/** Receipt days read back from today, so a scan that did not run for a few days is caught up (notices are idempotent). */
export const reportCrisisDays = 7;

/**
 * Reports met by a credit crisis (重大信用危机, Jiaxian (郏县) 000 二(三), Lianjiang 001 二(三)): a black-list entry, a
 * dishonest-debtor listing or a serious penalty received in the last days, decided after the issue date of a
 * report of the same subject still valid. The check shows such a report flagged for re-evaluation from the
 * moment the record is stored (shared/reports/credit-crisis.ts); this source tells the issuing agency (to
 * re-evaluate) and the credit office (to supervise it), once per report and record.
 *
 * Reads: the crisis records first received in the days (a sparse index, `keys.crisisRecordsByDay`: nothing else
 * is in it), then the partition of each subject met, once.
 */
export const reportCrisisSource: OverdueSource = {
  name: 'report-crisis',
  async find({ county, today }) {
    const days = Array.from({ length: reportCrisisDays + 1 }, (_, i) => addDays(today, -i));
    const reads = await Promise.all(
      days.map((day) =>
        queryAll({ TableName: tableName(creditTable), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.crisisRecordsOn(day) }, ProjectionExpression: 'recordId, subjectId' }),
      ),
    );
    let itemsRead = reads.reduce((n, r) => n + r.itemsRead, 0);
    const received = reads.flatMap((r) => r.items as { recordId: string; subjectId: string }[]);
    const notices: Notice[] = [];
    let itemsDue = 0;
    for (const subjectId of new Set(received.map((r) => r.subjectId))) {
      const subject = await readSubject(subjectId);
      itemsRead += subject.records.length + subject.reports.length + 1;
      const records = subject.records.map((record) => ({ record, status: statusOf(record, today) }));
      for (const report of validReports(reportsOf(subject), today)) {
        const crisis = creditCrisisAfter(report, records);
        if (!crisis || !received.some((r) => r.recordId === crisis.recordId)) continue;
        itemsDue += 1;
        const agency = report.agencyName ?? report.agencyId;
        const what = `${recordKindLabels[crisis.kind]}（决定文书号 ${crisis.decisionNumber}，${crisis.decisionDate} 作出）`;
        const rule = crisisRule(county);
        const about = `${report.reportId}#${crisis.recordId}`;
        notices.push(
          {
            kind: 'report-crisis',
            about: `${about}#agency`,
            addressee: report.agencyId,
            date: today,
            title: `信用报告需重新信用评价：${report.reportNumber}`,
            text: `贵机构于 ${report.issueDate} 出具的信用报告 ${report.reportNumber}（有效期至 ${report.validUntil}），其主体在出具后新增${what}。${rule}。各部门核查时该报告已标注“需重新信用评价”，请及时重新评价。`,
          },
          {
            kind: 'report-crisis',
            about: `${about}#office`,
            addressee: 'creditOffice',
            date: today,
            title: `信用报告因主体重大信用危机标注重新评价：${report.reportNumber}`,
            text: `${agency}于 ${report.issueDate} 出具的信用报告 ${report.reportNumber}（有效期至 ${report.validUntil}），其主体在出具后新增${what}。${rule}。已告知出具机构；各部门核查时该报告标注“需重新信用评价”。`,
          },
        );
      }
    }
    return { notices, itemsRead, itemsDue };
  },
};
