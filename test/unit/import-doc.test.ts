import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nationalColumns } from '../../shared/records/national-fields.ts';
import { columnsTable } from '../support/import-doc.ts';

/** docs/imports.md shows the templates' columns as the code reads them: a column changed in one and not the other fails here. */
describe('docs/imports.md', () => {
  const page = readFileSync(new URL('../../docs/imports.md', import.meta.url), 'utf8');
  it.each([['penalty', '行政处罚'], ['licence', '行政许可']] as const)('%s: the table under ### %s is the code\'s', (kind, heading) => {
    const section = page.slice(page.indexOf(`### ${heading}`));
    const table = section.split('\n').filter((line) => line.startsWith('|'));
    const expected = columnsTable(nationalColumns[kind]).split('\n');
    expect(table.slice(0, expected.length)).toEqual(expected);
  });
});
