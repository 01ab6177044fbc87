import type { PdfFonts } from './pdf-fonts.ts';

/** The colour of text written without one: near-black, as both the credit report and the bulletin set it. */
export const pdfInk = '#1a1a1a';

export interface WriteOptions {
  size: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  colour?: string | undefined;
  lineBreak?: boolean;
}

/**
 * Draws text in runs of the font that has each character (pdf-fonts.ts), registering fonts in the document
 * as they are first needed. Shared by the credit report and the monthly bulletin.
 */
export class PdfTextWriter {
  private readonly registered = new Set<string>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    protected readonly fonts: PdfFonts,
  ) {}

  write(text: string, x: number, y: number, options: WriteOptions) {
    const runs = this.fonts.runsOf(text);
    this.doc.fontSize(options.size).fillColor(options.colour ?? pdfInk);
    // Bold without a second font file: the glyphs are filled and stroked with a thin outline.
    if (options.bold) this.doc.lineWidth(options.size / 40).strokeColor(options.colour ?? pdfInk);
    const common = {
      ...(options.width !== undefined ? { width: options.width } : {}),
      align: options.align ?? 'left',
      lineGap: 1,
      ...(options.lineBreak === false ? { lineBreak: false } : {}),
      ...(options.bold ? { fill: true, stroke: true } : {}),
    };
    runs.forEach((run, i) => {
      this.use(run.font);
      const continued = i < runs.length - 1;
      if (i === 0) this.doc.text(run.text, x, y, { ...common, continued });
      else this.doc.text(run.text, { ...common, continued });
    });
    this.doc.lineWidth(0.5);
  }

  /** The height `text` takes at `size` in `width`: measured in the primary font, whose CJK advance every fallback cut shares. */
  height(text: string, width: number, size: number): number {
    const measured = [...text].map((c) => (this.fonts.fontFor(c) === this.fonts.primary ? c : '中')).join('');
    this.use(this.fonts.primary.name);
    return this.doc.fontSize(size).heightOfString(measured || ' ', { width, lineGap: 1 });
  }

  protected use(name: string) {
    if (!this.registered.has(name)) {
      const font = this.fonts.loaded().find((f) => f.name === name)!;
      this.doc.registerFont(name, font.font as unknown as Buffer);
      this.registered.add(name);
    }
    this.doc.font(name);
  }
}
