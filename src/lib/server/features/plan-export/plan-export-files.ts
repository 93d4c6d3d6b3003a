/**
 * Renderers of the export tables: CSV for French spreadsheets and XLSX. Both
 * receive tables already neutralised (plan-export.ts); the XLSX writer also
 * makes sure every cell is a plain string, never a formula.
 */
import * as XLSX from '@e965/xlsx';
import { stringify } from 'csv-stringify/sync';
import type { Row } from './plan-export';

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Semicolons, a UTF-8 BOM and CRLF: what French Excel opens without an import wizard. */
export function toCsv(rows: readonly Row[]): Uint8Array<ArrayBuffer> {
  const text = stringify(rows as Row[], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  return new TextEncoder().encode(text);
}

export interface SheetSpec {
  name: string;
  rows: readonly Row[];
  /** Row index (0-based) of a header to put the auto-filter on. */
  headerRow?: number;
}

/** Column width in characters: as wide as the longest cell, within bounds that keep the sheet readable. */
function columnWidths(rows: readonly Row[]): { wch: number }[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 8, Math.min(60, cell.length + 2));
    });
  }
  return widths.map((wch) => ({ wch }));
}

function toSheet(spec: SheetSpec): XLSX.WorkSheet {
  // Empty cells are left out rather than written as empty strings.
  const sheet = XLSX.utils.aoa_to_sheet(spec.rows.map((row) => row.map((cell) => (cell === '' ? null : cell))));
  for (const [address, cell] of Object.entries(sheet)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    // Strings only: a cell is data, whatever it looks like.
    c.t = 's';
    c.v = String(c.v ?? '');
    delete c.f;
  }
  sheet['!cols'] = columnWidths(spec.rows);
  if (spec.headerRow !== undefined) {
    const width = spec.rows[spec.headerRow]?.length ?? 1;
    sheet['!autofilter'] = {
      ref: XLSX.utils.encode_range({ s: { r: spec.headerRow, c: 0 }, e: { r: spec.rows.length - 1, c: width - 1 } }),
    };
  }
  return sheet;
}

/** A workbook whose first sheet is the first spec (the sheet an importer reads by default). */
export function toXlsx(sheets: readonly SheetSpec[], title: string): Uint8Array<ArrayBuffer> {
  const workbook = XLSX.utils.book_new();
  for (const spec of sheets) XLSX.utils.book_append_sheet(workbook, toSheet(spec), spec.name);
  workbook.Props = { Title: title };
  const buffer: Buffer = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true });
  return new Uint8Array(buffer);
}
