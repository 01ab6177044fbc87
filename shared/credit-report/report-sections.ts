import type { RecordKind } from '../config/record-kinds.ts';

/**
 * The sections of the public credit information report (公共信用信息报告), as Credit China's report
 * (信用中国) has them, and the record kinds each shows. Every kind is in exactly one section: a kind added
 * to record-kinds.ts does not compile until it is placed here.
 */
export const reportSections = [
  { id: 'licences', heading: '行政许可' },
  { id: 'penalties', heading: '行政处罚' },
  { id: 'seriousDishonesty', heading: '严重失信主体名单' },
  { id: 'commitments', heading: '信用承诺及履约情况' },
  { id: 'honours', heading: '守信激励（红名单及荣誉）' },
  { id: 'judicial', heading: '司法判决及执行' },
  { id: 'other', heading: '其他' },
] as const;

export type ReportSectionId = (typeof reportSections)[number]['id'];

/**
 * A court's list of dishonest judgment debtors (失信被执行人) is the enforcement of a judgment, so it is
 * shown with the judicial records; it still makes the subject a punishment object (report-content.ts).
 * Administrative rewards are honours; enforcement, levy and confirmation are "other".
 */
export const sectionOfKind = {
  licence: 'licences',
  penalty: 'penalties',
  blackList: 'seriousDishonesty',
  commitment: 'commitments',
  commitmentBreach: 'commitments',
  redList: 'honours',
  reward: 'honours',
  judgment: 'judicial',
  dishonestDebtor: 'judicial',
  enforcement: 'other',
  levy: 'other',
  confirmation: 'other',
} as const satisfies Record<RecordKind, ReportSectionId>;

/** 一、二、… for the section numbers. */
export const chineseOrdinal = (n: number): string => '一二三四五六七八九十'[n - 1] ?? String(n);
