import { answerableStates, caseOverdueNotices, type StoredCase } from '../../cases/port.ts';
import { withoutKeys } from '../../storage/keys.ts';
import { readOpenCasesDueBefore } from './index-reads.ts';
import type { OverdueSource } from './overdue-source.ts';

/**
 * Objections and repair applications past their answer day and still unanswered, from the open-case
 * index sorted by answer day. The notices are the workflow's own (`verification-overdue` to the credit
 * office about the case id, and to the provider), so a case the workflow already reported is not reported
 * twice; the scan is the backstop. Not public: the case is the subject's.
 */
export const caseOverdueSource: OverdueSource = {
  name: 'case-overdue',
  async find({ county, today }) {
    const read = await readOpenCasesDueBefore(today);
    const overdue = read.items.map((item) => withoutKeys<StoredCase>(item)).filter((c) => c.answerBy && answerableStates.includes(c.state));
    return { notices: overdue.flatMap((c) => caseOverdueNotices(c, c.answerBy!, county, today)), itemsRead: read.itemsRead, itemsDue: overdue.length };
  },
};
