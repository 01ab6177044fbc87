import { publishNotice, type Notice } from '../../notices/port.ts';
import { logger } from '../../lambda/logger.ts';
import type { OverdueScanContext, OverdueSource } from './overdue-source.ts';

/** What one source found and published on a run. */
export interface OverdueSourceResult {
  source: string;
  noticesFound: number;
  /** New notices: a notice published on an earlier run (or by the case workflow) is not published again. */
  noticesPublished: number;
  itemsRead: number;
  itemsDue: number;
  error?: string;
}

export interface OverdueScanResult {
  date: string;
  sources: OverdueSourceResult[];
}

/**
 * The daily overdue scan: each source finds what is due as of `today` and the notices it calls for; each
 * notice is published once (idempotent per kind and `about`), so a rerun, a retry or a run the next day
 * publishes nothing twice. A failing source does not stop the others; the run then fails as a whole, so
 * the scheduler retries it, and the retry publishes only what is still missing.
 */
export async function runOverdueScan(
  sources: readonly OverdueSource[],
  context: OverdueScanContext,
  publish: (notice: Notice, now: Date) => Promise<{ published: boolean }> = publishNotice,
): Promise<OverdueScanResult> {
  const results: OverdueSourceResult[] = [];
  for (const source of sources) {
    const result: OverdueSourceResult = { source: source.name, noticesFound: 0, noticesPublished: 0, itemsRead: 0, itemsDue: 0 };
    results.push(result);
    try {
      const findings = await source.find(context);
      Object.assign(result, { noticesFound: findings.notices.length, itemsRead: findings.itemsRead, itemsDue: findings.itemsDue });
      for (const notice of findings.notices) if ((await publish(notice, context.now)).published) result.noticesPublished += 1;
    } catch (error) {
      result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error('overdue source failed', { source: source.name, error });
    }
  }
  logger.info('overdue scan', { date: context.today, sources: results });
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    const error = new Error(`overdue scan of ${context.today}: ${failed.map((r) => `${r.source} (${r.error})`).join('; ')}`);
    error.name = 'OverdueScanFailed';
    throw error;
  }
  return { date: context.today, sources: results };
}
