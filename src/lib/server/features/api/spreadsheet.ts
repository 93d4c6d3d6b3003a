/**
 * CSV and XLSX writers of the values export, the same conventions as the plan
 * export (features/plan-export): CSV with semicolons, a UTF-8 BOM and CRLF for
 * French spreadsheets; XLSX where every cell is a plain string, never a
 * formula. Cells arrive already neutralised (values-export.ts).
 */
import * as XLSX from '@e965/xlsx';
import { stringify } from 'csv-stringify/sync';

export type Row = string[];

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function toCsv(rows: readonly Row[]): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(stringify(rows as Row[], { delimiter: ';', bom: true, record_delimiter: 'windows' }));
}

/** Excel's sheet-name rules: 31 characters, none of : \\ / ? * [ ], unique in the workbook (case aside). */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function plainSheet(rows: readonly Row[]): XLSX.WorkSheet {
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((row) => row.map((cell) => (cell === '' ? null : cell))));
  for (const [address, cell] of Object.entries(sheet)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    c.t = 's';
    c.v = String(c.v ?? '');
    delete c.f;
  }
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 8, Math.min(60, cell.length + 2));
    });
  }
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  const width = rows[0]?.length ?? 1;
  sheet['!autofilter'] = {
    ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: width - 1 } }),
  };
  return sheet;
}

/** Several sheets, each with its header row filtered and its columns as wide as their content within bounds. */
export function toWorkbook(
  sheets: readonly { name: string; rows: readonly Row[] }[],
  title: string,
): Uint8Array<ArrayBuffer> {
  const workbook = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const s of sheets) XLSX.utils.book_append_sheet(workbook, plainSheet(s.rows), sheetName(s.name, taken));
  workbook.Props = { Title: title };
  const buffer: Buffer = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true });
  return new Uint8Array(buffer);
}

/** One sheet, header on the first row with an auto-filter, columns as wide as their content within bounds. */
export function toXlsx(name: string, rows: readonly Row[], title: string): Uint8Array<ArrayBuffer> {
  return toWorkbook([{ name, rows }], title);
}
