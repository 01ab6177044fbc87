import type { Caller } from '../identity/caller.ts';
import { notFound } from '../errors/domain-errors.ts';
import { bulletinMonth, bulletinSummary, canRead, type StoredBulletin } from './bulletin.ts';
import { getBulletin, getBulletinFile, listBulletins } from './bulletin-store.ts';
import { bulletinWorkbook } from './bulletin-workbook.ts';
import { renderBulletinPdf } from './render-bulletin-pdf.ts';

/**
 * Reading a bulletin's files and the public listing: kept apart from drafting and publishing (which read the
 * supervision facts through the compliance port), so the public functions carry nothing of those.
 */
const fileNames = (b: Pick<StoredBulletin, "title" | "month">, ext: string) => ({ fileName: `${b.title}.${ext}`, asciiFileName: `bulletin-${b.month}.${ext}` });

/**
 * GET /bulletins/{month}/file?format=pdf|xlsx: a published bulletin's kept file; the office's draft rendered now,
 * marked 草稿. GET /public/bulletins/{month}/file: the published PDF where the public reads bulletins.
 */
export async function bulletinFile(args: { month: string; format: 'pdf' | 'xlsx'; caller?: Caller; publicRead?: boolean }) {
  bulletinMonth(args.month);
  const b = await getBulletin(args.month);
  const visible = b && (args.publicRead ? b.state === 'published' && b.public === true : canRead(args.caller!, b));
  if (!b || !visible) throw notFound(`bulletin ${args.month}`);
  const contentType = args.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const content = b.files ? await getBulletinFile(b.files[args.format]) : args.format === 'pdf' ? await renderBulletinPdf(b.content) : await bulletinWorkbook(b.content);
  return { content, contentType, ...fileNames(b, args.format) };
}

/** GET /public/bulletins: the published bulletins the public reads (none where the county file says they are not public). */
export async function readPublicBulletins() {
  return { bulletins: (await listBulletins(true)).map(bulletinSummary) };
}
