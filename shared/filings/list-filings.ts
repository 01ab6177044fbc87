import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { z } from 'zod';
import { localDate, parseIsoDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { listDepartments, registeredBy } from '../departments/port.ts';
import { notFound, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import type { filingDocumentQuery, filingStatusQuery, listFilingsQuery } from './api.ts';
import { presentFiling, type StoredFiling } from './filing.ts';
import { kindOf, presentKind } from './filing-kinds-view.ts';
import { filingState, parseFilingPeriod, periodsOfYear, type FilingPeriod } from './filing-periods.ts';
import { departmentFilings, filingsOfPeriod, getRevision, latestFiling } from './filing-store.ts';

const linkExpirySeconds = 5 * 60;

/** Whose filings: a department its own (another's: 404, as if there were none), the credit office the one it names. */
function whose(caller: Caller, department: string | undefined): string {
  if (caller.role === 'department') {
    if (department !== undefined && department !== caller.orgId) throw notFound(`filings of ${department}`);
    return caller.orgId;
  }
  if (!department) throw validationFailed('query.department', 'must name the department (the credit office reads one department’s filings at a time)');
  return department;
}

/**
 * GET /filings: what a department owes in a year (every period of every kind of the county, with its state
 * today) and every revision it filed, newest first. The credit office reads one department's.
 */
export async function listFilings(args: { query: z.output<typeof listFilingsQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { query, caller, county, now } = args;
  const orgId = whose(caller, query.department);
  const today = localDate(now, county.timeZone);
  const year = query.year ?? parseIsoDate(today).year;
  const calendar = workingDayCalendar(county.calendar);
  const revisions = await departmentFilings(orgId);
  const byPeriod = new Map<string, StoredFiling[]>();
  for (const f of revisions) byPeriod.set(`${f.kind}#${f.period}`, [...(byPeriod.get(`${f.kind}#${f.period}`) ?? []), f]);
  const periodNames = new Map<string, string>();
  const due = county.filings.kinds.flatMap((kind) =>
    periodsOfYear(kind, year, calendar).map((p) => {
      const filed = byPeriod.get(`${kind.id}#${p.id}`) ?? [];
      const first = filed.find((f) => f.revision === 1) ?? filed[0];
      periodNames.set(`${kind.id}#${p.id}`, p.name);
      return { kind: kind.id, kindName: kind.name, period: p.id, periodName: p.name, dueDay: p.dueDay, state: filingState(p, first?.firstFiledOn, today), revisions: filed.length, ...(first ? { filedOn: first.firstFiledOn } : {}) };
    }),
  );
  due.sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.kind.localeCompare(b.kind));
  const filings = revisions
    .sort((a, b) => b.filedAt.localeCompare(a.filedAt) || b.revision - a.revision)
    .map((f) => {
      const kind = county.filings.kinds.find((k) => k.id === f.kind);
      const name = periodNames.get(`${f.kind}#${f.period}`) ?? (kind ? parseFilingPeriod(kind, f.period, calendar).name : f.period);
      return presentFiling(f, kind?.name ?? f.kind, name);
    });
  return { orgId, year, kinds: county.filings.kinds.map(presentKind), maxBytes: county.filings.maxDocumentBytes, due, filings };
}

/** Where each registered department stands on one period: one query of the period's index partition. */
export async function periodStanding(period: FilingPeriod, departments: Awaited<ReturnType<typeof listDepartments>>['departments'], county: CountyConfig, today: string) {
  const { filings, itemsRead } = await filingsOfPeriod(period.kind, period.id);
  const rows = departments
    .filter((d) => filings.has(d.orgId) || registeredBy(d, period.dueDay, county.timeZone))
    .map((d) => {
      const latest = filings.get(d.orgId);
      return {
        orgId: d.orgId,
        name: d.name,
        state: filingState(period, latest?.firstFiledOn, today),
        ...(latest ? { filedOn: latest.firstFiledOn, revision: latest.revision, title: latest.title } : {}),
      };
    });
  return { rows, filings, itemsRead };
}

/**
 * GET /filings/status: the credit office's view (报送情况): per kind and period of a year (or the one asked),
 * each registered department's state — filed on time, late, missing, or not yet due — worst first.
 */
export async function filingStatus(args: { query: z.output<typeof filingStatusQuery>; county: CountyConfig; now: Date }) {
  const { query, county, now } = args;
  const today = localDate(now, county.timeZone);
  const calendar = workingDayCalendar(county.calendar);
  const kinds = query.kind ? [kindOf(county, query.kind, 'query.kind')] : county.filings.kinds;
  const year = query.year ?? (query.period ? Number(query.period.slice(0, 4)) : parseIsoDate(today).year);
  const periods = kinds.flatMap((kind) => (query.period ? [parseFilingPeriod(kind, query.period, calendar, 'query.period')] : periodsOfYear(kind, year, calendar)));
  const { departments } = await listDepartments();
  const order = { missing: 0, late: 1, notYetDue: 2, onTime: 3 } as const;
  const answered = [];
  for (const p of periods) {
    const kind = kinds.find((k) => k.id === p.kind)!;
    const { rows } = await periodStanding(p, departments, county, today);
    rows.sort((a, b) => order[a.state] - order[b.state] || a.orgId.localeCompare(b.orgId));
    const counts = { onTime: 0, late: 0, missing: 0, notYetDue: 0 };
    for (const r of rows) counts[r.state] += 1;
    answered.push({ kind: kind.id, kindName: kind.name, period: p.id, periodName: p.name, dueDay: p.dueDay, counts, departments: rows });
  }
  return { year, kinds: kinds.map(presentKind), periods: answered };
}

/** GET /filings/{kind}/{period}/document: a short-lived link to a filed document (a department: its own; the office: any). */
export async function filingDocument(args: { kind: string; period: string; query: z.output<typeof filingDocumentQuery>; caller: Caller; county: CountyConfig }) {
  const { caller, county, query } = args;
  const orgId = whose(caller, query.department);
  const kind = kindOf(county, args.kind, 'path.kind');
  parseFilingPeriod(kind, args.period, workingDayCalendar(county.calendar), 'path.period');
  const filing = query.revision ? await getRevision(orgId, kind.id, args.period, query.revision) : await latestFiling(orgId, kind.id, args.period);
  if (!filing) throw notFound(`filing ${kind.id} ${args.period}${query.revision ? ` revision ${query.revision}` : ''} of ${orgId}`);
  const link = new GetObjectCommand({
    Bucket: reportsBucketName(),
    Key: filing.objectKey,
    ...(filing.versionId ? { VersionId: filing.versionId } : {}),
    ResponseContentType: filing.contentType,
    ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(filing.fileName)}`,
  });
  return { url: await getSignedUrl(s3, link, { expiresIn: linkExpirySeconds }), expiresInSeconds: linkExpirySeconds, fileName: filing.fileName, contentType: filing.contentType, revision: filing.revision };
}
