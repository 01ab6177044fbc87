import { pdfContentProblem } from '../storage/pdf-content-check.ts';
import { filingContentTypes, type FilingContentType } from './content-types.ts';

/**
 * What a filed document may be, checked on its bytes (pure): a PDF (with the platform's PDF check: no
 * JavaScript, launch action, embedded file…), a Word 97–2003 document (.doc, an OLE2 compound file) or a Word
 * document (.docx, a ZIP package holding `word/`). The declared type must match the bytes.
 */

const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const zip = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Buffer, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

export function documentProblem(contentType: FilingContentType, bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (contentType === 'application/pdf') return pdfContentProblem(bytes);
  if (contentType === 'application/msword') return startsWith(bytes, ole2) ? undefined : 'the file is not a Word 97–2003 document (.doc)';
  // A .docx is a ZIP package; its part names are stored uncompressed, so a Word package names `word/` in its directory.
  if (!startsWith(bytes, zip)) return 'the file is not a Word document (.docx)';
  return bytes.includes('word/', 0, 'latin1') && bytes.includes('[Content_Types].xml', 0, 'latin1') ? undefined : 'the file is a ZIP archive but not a Word document (.docx)';
}

/** The file name's extension agrees with the declared type (the clerk's "报告.pdf" declared as Word is refused). */
export function extensionMatches(fileName: string, contentType: FilingContentType): boolean {
  return fileName.toLowerCase().endsWith(`.${filingContentTypes[contentType]}`);
}
