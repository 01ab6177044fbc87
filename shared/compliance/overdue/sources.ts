import { caseOverdueSource } from './case-overdue-source.ts';
import { filingOverdueSource } from './filing-source.ts';
import { latePublicationSource } from './late-publication-source.ts';
import type { OverdueSource } from './overdue-source.ts';
import { publicityEndedSource } from './publicity-ended-source.ts';
import { reportCrisisSource } from './report-crisis-source.ts';
import { reportExpirySource } from './report-expiry-source.ts';
import { usageListOverdueSource } from './usage-list-source.ts';

/** What the daily overdue scan looks for, one source each. */
export const overdueSources: readonly OverdueSource[] = [
  latePublicationSource,
  caseOverdueSource,
  usageListOverdueSource,
  reportExpirySource,
  reportCrisisSource,
  publicityEndedSource,
  filingOverdueSource,
];
