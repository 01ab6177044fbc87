import type { NationalColumn } from '../../shared/records/national-fields.ts';

/** The table of a template's columns as docs/imports.md shows it (the doc test holds the page to the code). */
export function columnsTable(columns: readonly NationalColumn[]): string {
  const readAs = (c: NationalColumn) => ('ignored' in c.read ? `ignored: ${c.read.ignored}` : `\`${c.read.field}\` (${c.read.as})`);
  return ['| # | column | required | read as |', '|---|---|---|---|', ...columns.map((c, i) => `| ${i + 1} | ${c.header} | ${c.required ? 'yes' : ''} | ${readAs(c)} |`)].join('\n');
}
