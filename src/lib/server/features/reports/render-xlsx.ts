/**
 * XLSX renderer: every table of the document, figures' data included, as its
 * own sheet (column headings on the first row, numbers as numbers), after an
 * "About" sheet with the report's facts and an index of the sheets (full
 * caption, section, note: sheet names are cut at 31 characters). Text cells are
 * neutralised like the plan export's (`'=HYPERLINK(...)`), and no cell is ever
 * a formula.
 */
import * as XLSX from '@e965/xlsx';
import { neutraliseCell } from '../plan-export';
import { collectTables, type ReportDocument, type TableCell } from './document';
import { formatGeneratedAt, RENDER_LABELS } from './document-labels';

const MAX_SHEET_NAME = 31;

export function renderXlsx(doc: ReportDocument): Uint8Array {
  const labels = RENDER_LABELS[doc.lang];
  const workbook = XLSX.utils.book_new();
  // Excel reserves "History".
  const names = new Set<string>([labels.about.toLowerCase(), 'history']);
  const tables = collectTables(doc).map((located) => ({
    ...located,
    sheetName: uniqueSheetName(located.table.caption, names),
  }));

  const about: TableCell[][] = [
    [labels.title, doc.title],
    ...(doc.subtitle ? [[labels.subtitle, doc.subtitle]] : []),
    [labels.institution, doc.meta.institution],
    [labels.year, { value: doc.meta.year, display: String(doc.meta.year) }],
    [labels.version, doc.meta.version],
    [labels.generatedAt, formatGeneratedAt(doc)],
    ...(doc.meta.licence ? [[labels.licence, doc.meta.licence]] : []),
    [null, null],
    [labels.sheet, labels.table, labels.section, labels.note],
    ...tables.map((t) => [t.sheetName, t.table.caption, t.section.title, t.table.note ?? null]),
  ];
  XLSX.utils.book_append_sheet(workbook, sheet(about), labels.about);

  for (const t of tables) {
    const rows: TableCell[][] = [t.table.columns.map((c) => c.label), ...t.table.rows];
    const ws = sheet(rows);
    if (rows.length > 1)
      ws['!autofilter'] = {
        ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: t.table.columns.length - 1 } }),
      };
    XLSX.utils.book_append_sheet(workbook, ws, t.sheetName);
  }

  workbook.Props = {
    Title: doc.title,
    Subject: doc.subtitle,
    Author: doc.meta.institution,
    Company: doc.meta.institution,
    CreatedDate: new Date(doc.meta.generatedAt),
  };
  const buffer: Buffer = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true });
  return new Uint8Array(buffer);
}

/** A sheet where text is a neutralised string and numbers are numbers; widths follow the content. */
function sheet(rows: TableCell[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const widths: number[] = [];
  let lastColumn = 0;
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const address = XLSX.utils.encode_cell({ r, c });
      if (typeof cell === 'string') {
        const value = neutraliseCell(cell);
        ws[address] = { t: 's', v: value };
        widths[c] = Math.max(widths[c] ?? 8, Math.min(60, value.length + 2));
      } else {
        ws[address] = Number.isFinite(cell.value)
          ? { t: 'n', v: cell.value }
          : { t: 's', v: neutraliseCell(cell.display) };
        widths[c] = Math.max(widths[c] ?? 8, Math.min(30, cell.display.length + 2));
      }
      lastColumn = Math.max(lastColumn, c);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: lastColumn } });
  ws['!cols'] = Array.from({ length: lastColumn + 1 }, (_, c) => ({ wch: widths[c] ?? 8 }));
  return ws;
}

/**
 * A name Excel accepts: no []:*?/\, not starting or ending with an apostrophe,
 * at most 31 characters, unique in the workbook whatever the case ("Tableau (2)").
 */
export function uniqueSheetName(caption: string, taken: Set<string>): string {
  const base =
    caption
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim() || 'Table';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
