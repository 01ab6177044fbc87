import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

/**
 * The rows of a CSV file as clerks save it from Excel or WPS, streamed (memory stays flat whatever the size):
 * UTF-8 with or without a byte-order mark, or GB18030 (what "CSV" means on a Chinese Windows, a superset of
 * GBK and GB2312). The encoding is told from the first bytes that can tell it (`encodingOf` below).
 * Fields follow RFC 4180 (csv-parse, the csv project's parser: quotes, doubled quotes, line breaks inside
 * quotes). The first row is the header; every later non-empty row is yielded with its cells by header and its
 * line number in the file (1 = the header), as the clerk sees it in a spreadsheet.
 */
export type CsvEncoding = 'utf-8' | 'gb18030';

export interface SheetRow {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: Record<string, string>;
  /** The row's cells in the file's column order, as read (a result file writes them back beside its verdict). */
  values: string[];
}

export interface SheetOptions {
  /** Told the header row (its cells as typed, in column order) when it is read. */
  onHeader?: (header: string[]) => void;
}

const utf8Bom = [0xef, 0xbb, 0xbf];
/** Bytes after the first non-ASCII one that decide the encoding: enough for UTF-8 to fail on GBK text at once. */
const decidingBytes = 64;

/**
 * The encoding of a file from its first bytes, or undefined while they cannot tell (only ASCII so far, or too few
 * bytes after the first non-ASCII one and more to come): a UTF-8 BOM says UTF-8; otherwise the bytes from the
 * first non-ASCII one are read as strict UTF-8, and bytes that are not UTF-8 (GBK text never is) mean GB18030.
 */
function encodingOf(bytes: Uint8Array, ended: boolean): CsvEncoding | undefined {
  if (utf8Bom.every((b, i) => bytes[i] === b)) return 'utf-8';
  if (bytes.length < utf8Bom.length && !ended && bytes.every((b, i) => b === utf8Bom[i])) return undefined;
  const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
  if (firstNonAscii < 0) return ended ? 'utf-8' : undefined;
  const window = bytes.subarray(firstNonAscii, firstNonAscii + decidingBytes);
  if (window.length < decidingBytes && !ended) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !ended || window.length === decidingBytes });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The encoding of a whole file's first bytes (see above; ASCII alone is UTF-8). */
export const csvEncodingOf = (first: Uint8Array): CsvEncoding => encodingOf(first, true)!;

/**
 * Bytes (as they arrive, cut anywhere) to text in the file's encoding, decoded across chunk boundaries; the BOM
 * dropped. Until the encoding is known only the undecided bytes are held: ASCII before them is passed on (both
 * encodings read ASCII alike), so memory stays flat even for a long ASCII start.
 */
export async function* decodedText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  let started = false;
  const decide = function* (ended: boolean): Generator<string> {
    const encoding = encodingOf(pending, ended);
    if (!encoding) {
      // Pass on the ASCII before the first non-ASCII byte (a BOM's bytes are not ASCII).
      const firstNonAscii = pending.findIndex((b) => b > 0x7f);
      const ascii = firstNonAscii < 0 ? pending.length : firstNonAscii;
      if (ascii > 0) {
        yield new TextDecoder('utf-8').decode(pending.subarray(0, ascii));
        pending = pending.subarray(ascii);
        started = true;
      }
      return;
    }
    decoder = new TextDecoder(encoding, { ignoreBOM: started });
    const text = decoder.decode(pending, { stream: !ended });
    pending = new Uint8Array(0);
    if (text) yield text;
  };
  for await (const chunk of chunks) {
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      continue;
    }
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    pending = joined;
    yield* decide(false);
  }
  if (!decoder) {
    yield* decide(true);
    return;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A header cell as typed: trimmed, inner spaces dropped (a header is a field name, never text with spaces). */
export const headerName = (cell: string): string => cell.replace(/[\s\u3000]/g, '');

/** The rows of a CSV file (see above). */
export async function* csvRows(chunks: AsyncIterable<Uint8Array>, options: SheetOptions = {}): AsyncGenerator<SheetRow> {
  // Every record counts as a spreadsheet row (an empty line is an empty row), so row numbers match what Excel shows.
  const parser = Readable.from(decodedText(chunks)).pipe(parse({ relax_column_count: true }));
  let header: string[] | undefined;
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    if (!header) {
      header = record.map(headerName);
      options.onHeader?.(record.map((cell) => cell.trim()));
      continue;
    }
    if (record.every((cell) => cell.trim() === '')) continue;
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name && record[i] !== undefined) cells[name] = record[i]!;
    });
    yield { row, cells, values: record };
  }
}
