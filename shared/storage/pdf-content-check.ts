import { inflateSync } from 'node:zlib';

/**
 * What an uploaded file must be, checked on its bytes (pure): the one check of credit reports
 * (ingest-report refuses) and of case evidence (the case shows the file flagged).
 *
 * A PDF must start with `%PDF-` and carry no active content: no JavaScript, no launch action, no embedded
 * file, no rich media, no form that submits or imports data. Names are read as a PDF reader reads them
 * (`#xx` escapes decoded, literal and hex strings and comments skipped), and compressed object streams
 * (where a writer may put any dictionary) are inflated and read too. An encrypted PDF is refused: its
 * strings and streams cannot be read, so nothing could be said of what it carries.
 */

export const notAPdf = 'the file is not a PDF (it does not start with %PDF-)';

/** PDF names that make a document act (run code, start programs, carry files), in the order reasons name them. */
const activeNames = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'SubmitForm', 'ImportData'] as const;

/** Inflating an object stream stops here: a few kilobytes that inflate to gigabytes are not read. */
const maxInflatedBytes = 64 * 1024 * 1024;

export function pdfContentProblem(bytes: Buffer): string | undefined {
  if (bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return notAPdf;
  const found = new Set<string>();
  const unreadable: string[] = [];
  scan(bytes.toString('latin1'), found, unreadable);
  if (found.has('Encrypt')) return 'the PDF is encrypted, so what it carries cannot be checked';
  const active = activeNames.filter((name) => found.has(name));
  if (active.length) return `the PDF carries active content (${active.map((name) => `/${name}`).join(', ')})`;
  if (unreadable.length) return `the PDF has an object stream that cannot be read (${unreadable[0]})`;
  return undefined;
}

const magic: Record<string, { bytes: number[]; problem: string }> = {
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], problem: 'the file is not a PNG image' },
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], problem: 'the file is not a JPEG image' },
};

/** Whether a file is what its content type says (a PDF with the whole check above); undefined when it is. */
export function fileContentProblem(contentType: string, bytes: Buffer): string | undefined {
  if (contentType === 'application/pdf') return pdfContentProblem(bytes);
  const expected = magic[contentType];
  if (!expected) return `files of type ${contentType} are not accepted`;
  return expected.bytes.every((byte, i) => bytes[i] === byte) ? undefined : expected.problem;
}

const whitespace = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const delimiters = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const regular = (c: string | undefined) => c !== undefined && !whitespace.has(c) && !delimiters.has(c);

/** Collects the (decoded) names of a PDF's syntax into `found`; reads object streams recursively. */
function scan(text: string, found: Set<string>, unreadable: string[]): void {
  let objectStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '%') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '(') {
      i = afterLiteralString(text, i);
    } else if (c === '<' && text[i + 1] === '<') {
      i += 2;
    } else if (c === '<') {
      const end = text.indexOf('>', i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '/') {
      let end = i + 1;
      while (regular(text[end])) end++;
      found.add(decodeName(text.slice(i + 1, end)));
      i = end;
    } else if (c === 'o' && text.startsWith('obj', i) && !regular(text[i - 1]) && !regular(text[i + 3])) {
      objectStart = i + 3;
      i += 3;
    } else if (c === 's' && text.startsWith('stream', i) && !regular(text[i - 1]) && !regular(text[i + 6])) {
      let start = i + 6;
      if (text[start] === '\r') start++;
      if (text[start] === '\n') start++;
      const end = text.indexOf('endstream', start);
      const stop = end < 0 ? text.length : end;
      readObjectStream(text.slice(objectStart, i), text.slice(start, stop), found, unreadable);
      i = end < 0 ? text.length : end + 'endstream'.length;
    } else {
      i++;
    }
  }
}

/** An object stream holds dictionaries like the file's own: inflate it (if it is compressed) and read it. */
function readObjectStream(dictionary: string, data: string, found: Set<string>, unreadable: string[]): void {
  const names = new Set<string>();
  scan(dictionary, names, unreadable);
  if (!names.has('ObjStm')) return;
  const filters = [...names].filter((name) => name.endsWith('Decode'));
  if (filters.length === 0) return scan(data, found, unreadable);
  if (filters.length > 1 || filters[0] !== 'FlateDecode') {
    unreadable.push(`filters ${filters.map((f) => `/${f}`).join(' ')}`);
    return;
  }
  try {
    scan(inflateSync(Buffer.from(data, 'latin1'), { maxOutputLength: maxInflatedBytes }).toString('latin1'), found, unreadable);
  } catch (error) {
    unreadable.push(`/FlateDecode: ${(error as Error).message}`);
  }
}

function afterLiteralString(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

const decodeName = (raw: string) => raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
