/**
 * The next day a usage list falls due (the county profile's `usageList.nextDue`). The rule lives with the
 * periods (shared/usage-lists/usage-periods.ts): one definition of a period and of its due day.
 */
export { nextUsageListDue } from './usage-periods.ts';
