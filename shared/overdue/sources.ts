import { caseOverdueSource } from './case-overdue-source.ts';
import { latePublicationSource } from './late-publication-source.ts';
import type { OverdueSource } from './overdue-source.ts';
import { publicityEndedSource } from './publicity-ended-source.ts';
import { reportExpirySource } from './report-expiry-source.ts';

/** What the daily overdue scan looks for, one source each (the usage-list source joins from ./usage-list-source.ts). */
export const overdueSources: readonly OverdueSource[] = [latePublicationSource, caseOverdueSource, reportExpirySource, publicityEndedSource];
