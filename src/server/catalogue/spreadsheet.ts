// Reading and writing a form's .xlsx file with ExcelJS; the mapping between rows and the definition is
// the domain's (forms/xlsform.ts). ExcelJS rather than SheetJS: the npm registry's `xlsx` is 0.18.5,
// abandoned there with known advisories (prototype pollution, ReDoS) for exactly this use — parsing an
// uploaded file — while SheetJS's fixed releases are published only off the registry; ExcelJS is MIT,
// on the registry, widely used, reads and writes with one API, and runs only here on the server, so
// none of it reaches a phone. It is loaded on first use: it weighs a second of start-up, and most
// server processes never read a spreadsheet.
import type ExcelJS from 'exceljs';
import { type Cell, type FormSheetContent, type FormWorkbook, SHEETS, toWorkbook } from '../../domain/forms/xlsform.ts';

/** Limits on what an uploaded workbook may unpack to and hold: a form needs far less. */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 2000;
const MAX_COLUMNS = 60;

const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export class SpreadsheetError extends Error {
  constructor(readonly reason: 'not_xlsx' | 'too_large') {
    super(reason);
  }
}

export async function writeFormSpreadsheet(content: FormSheetContent): Promise<Buffer> {
  const book = toWorkbook(content);
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Nusa Layan';
  for (const name of SHEETS) {
    const sheet = workbook.addWorksheet(name);
    const [header = [], ...rows] = book[name];
    sheet.addRow(header);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of rows) sheet.addRow(row);
    for (const [i, title] of header.entries()) sheet.getColumn(i + 1).width = Math.max(12, String(title).length + 2);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sheets of an uploaded .xlsx as rows of plain cells (only the sheets a form uses). */
export async function readFormSpreadsheet(bytes: Uint8Array): Promise<Partial<FormWorkbook>> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) throw new SpreadsheetError('not_xlsx');
  // A zip that unpacks to far more than it weighs (a "zip bomb") never reaches the XML parser.
  if (unpacked > MAX_UNPACKED_BYTES) throw new SpreadsheetError('too_large');
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new SpreadsheetError('not_xlsx');
  }
  const book: Partial<FormWorkbook> = {};
  for (const sheet of workbook.worksheets) {
    const name = SHEETS.find((s) => s === sheet.name.trim().toLowerCase());
    if (!name) continue;
    if (sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS) throw new SpreadsheetError('too_large');
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows[number - 1] = values.map(plainCell);
    });
    book[name] = Array.from(rows, (r) => r ?? []);
  }
  return book;
}

/** A cell as text, number or yes/no: rich text joined, a formula's result, a date as YYYY-MM-DD. */
function plainCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  return null;
}

/**
 * The sum of the sizes a zip's entries unpack to, from its central directory (APPNOTE 4.3.12, 4.3.16),
 * or null when the bytes are not a zip. ZIP64 (sizes beyond 4 GiB) is counted as too large.
 */
export function zipUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the very end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
