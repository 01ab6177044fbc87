import * as z from 'zod';
import { plainText } from '../http/input-text.ts';
import { recordKindLabels, recordKinds } from '../config/record-kinds.ts';

/**
 * The templates a department imports (shared/records/national-fields.ts): the national ones of 行政许可 and
 * 行政处罚, and the platform's, in the same style, for every other kind.
 */
export const importKinds = recordKinds;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = recordKindLabels;

/** What the ingest reads: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX, told by the file's name. */
export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const importContentTypes: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const importStates = ['awaitingFile', 'running', 'done', 'failed'] as const;
export type ImportState = (typeof importStates)[number];

export const templateParams = z.object({ kind: z.enum(importKinds, { error: `must be one of: ${importKinds.join(', ')}` }) });
export const templateFileBody = z.string().describe('The template: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, as an attachment');

export const createImportBody = z
  .object({
    kind: z.enum(importKinds, { error: `must be one of: ${importKinds.join(', ')}` }).describe('The template the file follows: a record kind (the national 行政处罚 penalty, 行政许可 licence, or the platform\'s for the other kinds)'),
    fileName: plainText(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .regex(/\.(csv|xlsx)$/i, 'must end in .xlsx or .csv (an .xls workbook: save it as .xlsx first)'),
    ).describe("The file's name as the clerk chose it; its extension says how it is read"),
  })
  .strict();

export const createImportResult = z
  .object({
    importId: z.string(),
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }).describe('A presigned POST for exactly this import\'s object: send the fields, then the file'),
    expiresAt: z.string(),
    key: z.string(),
  })
  .meta({ id: 'ImportUpload' });

export const importParams = z.object({ id: z.string().regex(/^imp_[A-Za-z0-9_-]{10,40}$/, 'must be an import id (imp_…)') });

const refusedRow = z.object({
  row: z.number().int().describe("The row's number as the spreadsheet shows it (the header is row 1)"),
  problems: z.array(z.object({ column: z.string(), message: z.string() })),
});

export const importBody = z
  .looseObject({
    importId: z.string(),
    departmentId: z.string(),
    kind: z.enum(importKinds),
    fileName: z.string(),
    format: z.enum(importFormats),
    createdAt: z.string(),
    state: z.enum(importStates),
    rowsRead: z.number().int().describe('Rows read so far (the header not counted)'),
    created: z.number().int().describe('Records stored for the first time'),
    unchanged: z.number().int().describe('Rows that equal a record already stored (a file imported again)'),
    corrected: z.number().int().describe('Rows that changed a stored record with the same decision number: a correction, history kept'),
    refused: z.number().int().describe('Rows not stored, each with its problems by column'),
    invocations: z.number().int().describe('How many invocations the ingest took (a large file continues in the next)'),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    failure: z.string().optional(),
    refusedRows: z.array(refusedRow).optional().describe('The first refused rows (up to 100), on GET /imports/{id}'),
    result: z.object({ url: z.string(), expiresAt: z.string() }).optional().describe('The result file (the rows with 结果, 字段, 错误), when done'),
  })
  .meta({ id: 'Import' });

export const importListBody = z.object({ imports: z.array(importBody) });
