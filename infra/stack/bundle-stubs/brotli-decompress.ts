/**
 * Stands in for `brotli/decompress.js` in the bundles (infra/stack/bundling.ts). fontkit imports it to
 * read WOFF2 fonts; the credit report's fonts are WOFF, unwrapped to plain sfnt before fontkit sees them
 * (shared/pdf/woff-to-sfnt.ts), so the 475 KB decoder would never run. Should a WOFF2 font
 * ever reach fontkit, this says so instead of failing obscurely.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported in the bundled functions: brotli is left out (use WOFF, unwrapped by woff-to-sfnt.ts)');
}
