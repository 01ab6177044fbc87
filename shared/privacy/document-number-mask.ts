/**
 * An identity document number that is not a resident ID (a passport, a travel permit, a foreign permanent
 * resident card), shown where shown at all as its last 4 characters, the rest starred: these numbers have no
 * fixed form to keep a prefix of, and the last 4 are what a person recognises. 4 characters or fewer: all starred.
 */
export const maskDocumentNumber = (number: string): string =>
  number.length <= 4 ? '*'.repeat(number.length) : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
