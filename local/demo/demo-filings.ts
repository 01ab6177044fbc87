import { localDate, parseIsoDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { periodsOfYear } from '../../shared/filings/filing-periods.ts';
import { now } from '../../shared/time/clock.ts';
import { demoPdf } from './load-demo-data.ts';

/**
 * A demo narrative filing (issue 17 §5), where the county's notice asks for one (Lianjiang's work summaries,
 * Wuchang's quarterly report): dept-finance files the first period of this year through the real path
 * (POST /filings/uploads, a presigned POST of PDF bytes, POST /filings). A restart adds nothing twice.
 */
export async function loadDemoFilings(options: { county: CountyConfig; apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }): Promise<void> {
  const { county, apiUrl } = options;
  const kind = county.filings.kinds[0];
  if (!kind) return;
  const today = localDate(now(), county.timeZone);
  const period = periodsOfYear(kind, parseIsoDate(today).year, workingDayCalendar(county.calendar))[0]!;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', 'dept-finance')}` };
  const mine = (await (await fetch(`${apiUrl}/filings`, { headers })).json()) as { filings?: { kind: string; period: string }[] };
  if (mine.filings?.some((f) => f.kind === kind.id && f.period === period.id)) return;
  const announced = await fetch(`${apiUrl}/filings/uploads`, { method: 'POST', headers, body: JSON.stringify({ fileName: `${period.name}.pdf`, contentType: 'application/pdf', bytes: demoPdf.length }) });
  const body = (await announced.json()) as { uploadId: string; upload: { url: string; fields: Record<string, string> } };
  if (announced.status !== 201) throw new Error(`demo filing refused: ${JSON.stringify(body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(body.upload.fields)) form.append(name, value);
  form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), `${period.name}.pdf`);
  const posted = await fetch(body.upload.url, { method: 'POST', body: form });
  if (posted.status !== 204) throw new Error(`demo filing: the document POST answered ${posted.status}`);
  const filed = await fetch(`${apiUrl}/filings`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ uploadId: body.uploadId, kind: kind.id, period: period.id, title: `${county.name}财政局${period.name}（演示）`, summary: '在政府采购中核查信用记录，对失信主体依法限制参与采购活动（演示数据）。', documentDate: today }),
  });
  if (filed.status !== 201) throw new Error(`demo filing refused: ${await filed.text()}`);
}
