import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileContentProblem, pdfContentProblem } from '../../shared/storage/pdf-content-check.ts';

const pdf = (...objects: string[]) =>
  Buffer.from(`%PDF-1.7\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}trailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
const catalog = '<</Type/Catalog/Pages 2 0 R>>';
const pages = '<</Type/Pages/Kids[3 0 R]/Count 1>>';
const page = '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>';
const withStream = (dict: string, body: Buffer) =>
  Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n${dict.replace('LEN', String(body.length))}\nstream\n`, 'latin1'), body, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);

describe('pdfContentProblem', () => {
  it('accepts a plain PDF, also one whose text mentions JavaScript in a string or a stream', () => {
    expect(pdfContentProblem(pdf(catalog, pages, page))).toBeUndefined();
    expect(pdfContentProblem(pdf(catalog, pages, page, '<</Title(About JavaScript and /JS in PDF files)>>'))).toBeUndefined();
    // Names that merely begin with the same letters are not the active ones.
    expect(pdfContentProblem(pdf(catalog, pages, '<</Filter/JBIG2Decode/JSX 1/Launcher 2>>'))).toBeUndefined();
  });

  it('refuses what is not a PDF, with the reason reports have always given', () => {
    expect(pdfContentProblem(Buffer.from('<html>not a pdf</html>'))).toBe('the file is not a PDF (it does not start with %PDF-)');
    expect(pdfContentProblem(Buffer.alloc(0))).toBe('the file is not a PDF (it does not start with %PDF-)');
  });

  it('refuses JavaScript, launch actions, an open action running JavaScript and embedded files, naming what it found', () => {
    expect(pdfContentProblem(pdf('<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>', pages, page, '<</S/JavaScript/JS(app.alert(1))>>'))).toBe(
      'the PDF carries active content (/JavaScript, /JS)',
    );
    expect(pdfContentProblem(pdf(catalog, pages, '<</Type/Page/AA<</O<</S/Launch/F(cmd.exe)>>>>>>'))).toBe('the PDF carries active content (/Launch)');
    expect(pdfContentProblem(pdf('<</Type/Catalog/OpenAction<</S/JavaScript/JS 5 0 R>>>>'))).toMatch(/\/JavaScript/);
    expect(pdfContentProblem(pdf(catalog, '<</Type/Filespec/EF<</F 6 0 R>>>>', '<</Type/EmbeddedFile>>'))).toBe('the PDF carries active content (/EmbeddedFile)');
    expect(pdfContentProblem(pdf(catalog, '<</Names<</JavaScript 7 0 R>>>>'))).toMatch(/\/JavaScript/);
  });

  it('sees names written with #-escapes and dictionaries hidden in compressed object streams', () => {
    expect(pdfContentProblem(pdf('<</S/J#61vaScript/J#53(x)>>'))).toBe('the PDF carries active content (/JavaScript, /JS)');
    const hidden = deflateSync(Buffer.from('4 0 <</S/Launch/F(calc)>>', 'latin1'));
    expect(pdfContentProblem(withStream('<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length LEN>>', hidden))).toBe('the PDF carries active content (/Launch)');
    // A broken stream is not taken apart, but what is around it still is.
    expect(pdfContentProblem(withStream('<</Filter/FlateDecode/Length LEN/AA<</S/JavaScript>>>>', Buffer.from('not deflate')))).toMatch(/\/JavaScript/);
  });

  it('refuses an encrypted PDF: what it carries cannot be checked', () => {
    expect(pdfContentProblem(Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R/Encrypt 9 0 R>>\n%%EOF\n'))).toBe(
      'the PDF is encrypted, so what it carries cannot be checked',
    );
  });
});

describe('fileContentProblem (evidence)', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

  it('checks that a file is what its content type says, PDFs with the report check', () => {
    expect(fileContentProblem('image/png', png)).toBeUndefined();
    expect(fileContentProblem('image/jpeg', jpeg)).toBeUndefined();
    expect(fileContentProblem('application/pdf', pdf(catalog))).toBeUndefined();
    expect(fileContentProblem('image/png', jpeg)).toBe('the file is not a PNG image');
    expect(fileContentProblem('image/jpeg', Buffer.from('%PDF-1.7'))).toBe('the file is not a JPEG image');
    expect(fileContentProblem('application/pdf', png)).toBe('the file is not a PDF (it does not start with %PDF-)');
    expect(fileContentProblem('application/pdf', pdf('<</S/JavaScript/JS(x)>>'))).toBe('the PDF carries active content (/JavaScript, /JS)');
    expect(fileContentProblem('text/html', Buffer.from('<html>'))).toBe('files of type text/html are not accepted');
  });
});
