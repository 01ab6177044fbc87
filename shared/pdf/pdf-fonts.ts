import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff-to-sfnt.ts';

/**
 * The fonts the platform's PDFs (the credit report, the monthly bulletin) are set in: Noto Sans SC (SIL Open
 * Font License 1.1), regular weight, from the npm package `@fontsource/noto-sans-sc`, which ships it cut
 * by Unicode ranges as web fonts do:
 *
 * - `primary`: the package's `chinese-simplified` cut, ~7,900 characters (the common hanzi, ASCII and
 *   CJK punctuation) in one 1.5 MB file: every fixed text of a document and nearly every name.
 * - fallback cuts: the numbered slices (and the latin, latin-ext, cyrillic and vietnamese cuts) that
 *   together cover the rest of the font (rare hanzi such as 赜, 堉, 譞), found through the package's
 *   `unicode.json` and read only when a text needs one.
 *
 * pdfkit embeds each font used as a subset of the glyphs drawn (a credit report is tens of KB). A character
 * that no cut has is drawn as 〓 (the geta mark, typesetting's sign for a character the type lacks), never
 * as an empty box or a blank. The files are the package's WOFF files (not WOFF2: pdfkit cannot subset
 * those and would embed megabytes), unwrapped once per warm function (woff-to-sfnt.ts).
 */
export const fontPackage = '@fontsource/noto-sans-sc';
const cutFile = (cut: string) => `files/noto-sans-sc-${cut}-400-normal.woff`;
const primaryCut = 'chinese-simplified';
const unicodeMapFile = 'unicode.json';

/**
 * What a bundle that renders a PDF carries, as paths in the package: shell globs, copied flat into
 * `fonts/` beside the bundle's index.mjs (infra/stack/credit-function.ts).
 */
export const bundledFontFiles = ['files/noto-sans-sc-*-400-normal.woff', unicodeMapFile, 'LICENSE'] as const;
export const bundledFontDir = 'fonts';
/** The same, as the stack's bundling copies them: from the package, into `fonts/` beside index.mjs. */
export const pdfFontBundle = { fromPackage: fontPackage, files: bundledFontFiles, into: bundledFontDir } as const;

/** The sign drawn for a character no cut of the font has. */
export const missingCharacterSign = '〓';

/** A file of the font package: beside the bundle when deployed (`fonts/`), else from node_modules. */
function packageFile(file: string): string {
  const bundled = fileURLToPath(new URL(`./${bundledFontDir}/${basename(file)}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(`${fontPackage}/${file}`);
}

export interface LoadedFont {
  /** The name a PDF document registers it under. */
  name: string;
  /** The parsed font, for pdfkit: parsed once per warm function, its tables decoded once (a document that parsed it anew would take a second). */
  font: fontkit.Font;
  hasGlyph(codePoint: number): boolean;
}

function loadCut(cut: string): LoadedFont {
  const font = fontkit.create(woffToSfnt(readFileSync(packageFile(cutFile(cut)))));
  if (!('hasGlyphForCodePoint' in font)) throw new Error(`${cutFile(cut)} is a font collection, not a font`);
  return { name: `NotoSansSC-${cut}`, font, hasGlyph: (cp) => font.hasGlyphForCodePoint(cp) };
}

/** Which cut holds each code point, from the package's unicode.json (`"[12]": "U+4e00-4e0f,U+4e11"`). */
function cutIndex(): (codePoint: number) => string | undefined {
  const map = JSON.parse(readFileSync(packageFile(unicodeMapFile), 'utf8')) as Record<string, string>;
  const ranges = Object.entries(map).flatMap(([key, value]) =>
    value.split(',').map((range) => {
      const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
      return { cut: key.replace(/^\[(\d+)\]$/, '$1'), from: parseInt(from!, 16), to: parseInt(to ?? from!, 16) };
    }),
  );
  return (codePoint) => ranges.find((r) => codePoint >= r.from && codePoint <= r.to)?.cut;
}

/** A run of text in one font. */
export interface TextRun {
  font: string;
  text: string;
}

/**
 * The PDF fonts, loaded once per warm function: the primary cut at once, fallback cuts on first
 * need. `runsOf` splits a text into runs each drawn in a font that has all its characters.
 */
export class PdfFonts {
  readonly primary: LoadedFont;
  private readonly fallbacks = new Map<string, LoadedFont>();
  private cutOf?: (codePoint: number) => string | undefined;

  constructor() {
    this.primary = loadCut(primaryCut);
  }

  /** Every font loaded so far (a document registers them all). */
  loaded(): LoadedFont[] {
    return [this.primary, ...this.fallbacks.values()];
  }

  /** The font that draws `char`, or undefined when no cut of the family has it. Line breaks and tabs need none: the primary. */
  fontFor(char: string): LoadedFont | undefined {
    const cp = char.codePointAt(0)!;
    if (cp < 0x20 || this.primary.hasGlyph(cp)) return this.primary;
    this.cutOf ??= cutIndex();
    const cut = this.cutOf(cp);
    if (cut === undefined || cut === primaryCut) return undefined;
    let font = this.fallbacks.get(cut);
    if (!font) {
      font = loadCut(cut);
      this.fallbacks.set(cut, font);
    }
    return font.hasGlyph(cp) ? font : undefined;
  }

  /** `text` as runs of one font each; characters no font has become the missing-character sign, other control characters are dropped. */
  runsOf(text: string): TextRun[] {
    const runs: TextRun[] = [];
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (cp < 0x20 && char !== '\n') continue;
      const font = this.fontFor(char);
      const [name, drawn] = font ? [font.name, char] : [this.primary.name, missingCharacterSign];
      const last = runs.at(-1);
      if (last?.font === name) last.text += drawn;
      else runs.push({ font: name, text: drawn });
    }
    return runs;
  }

  /** Characters of `text` that no cut of the font has (drawn as the missing-character sign). */
  missing(text: string): string[] {
    return [...new Set([...text].filter((c) => c.codePointAt(0)! >= 0x20 && !this.fontFor(c)))];
  }
}

let fonts: PdfFonts | undefined;
/** The PDF fonts of this process, loaded on first use. */
export const pdfFonts = (): PdfFonts => (fonts ??= new PdfFonts());
