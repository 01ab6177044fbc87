import type { IsoDate } from '../../calendar/dates.ts';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../../config/county-config.ts';
import type { Notice } from '../../notices/port.ts';

/**
 * One kind of thing the daily overdue scan looks for (late publications, unanswered cases, missing usage
 * lists, expiring reports, ended publicity). A source finds what is due as of `today` through an index
 * keyed by due date (never a table scan) and says which notices that calls for; the scan publishes them
 * (idempotently: a notice is unique per kind and `about`).
 */
export interface OverdueScanContext {
  county: CountyConfig;
  calendar: WorkingDayCalendar;
  /** The county-local day the scan runs as of (a scheduled run's day, or `npm run invoke -- overdue-scan --date`). */
  today: IsoDate;
  now: Date;
}

export interface OverdueFindings {
  notices: Notice[];
  /** DynamoDB items read to find them: the bench divides this by the items due. */
  itemsRead: number;
  /** Items found due (before grouping into notices). */
  itemsDue: number;
}

export interface OverdueSource {
  /** e.g. `late-publication`, `case-overdue`, `usage-list-missing`, `report-expiry`, `publicity-ended`. */
  name: string;
  find(context: OverdueScanContext): Promise<OverdueFindings>;
}
