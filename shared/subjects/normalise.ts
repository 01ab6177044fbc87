/**
 * The canonical form of a code typed by a person or exported by another system: trimmed, full-width
 * characters (U+FF01–FF5E, and the ideographic space U+3000) turned into their ASCII forms, inner spaces
 * removed, upper case. Chinese input methods often produce full-width digits and letters
 * ('９１４１…'), and IDs are printed in groups ('410425 1990…').
 */
export function normaliseCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, '')
    .toUpperCase();
}
