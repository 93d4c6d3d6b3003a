/**
 * Turns an uploaded file into sheets of string cells, whatever it is (CSV,
 * TSV, XLSX, ODS, XLS or plain text), or refuses it with a reason the user
 * can act on. Uploaded files are hostile until proven otherwise: type from the
 * bytes, bounded sizes, no formula evaluation, never a throw.
 */
import * as XLSX from '@e965/xlsx';
import { classifyZip, listZipEntries, sniffSignature } from './file-signature';
import type { ImportMessage } from './parsed-plan';
import { cleanText, decodeText, parseDelimited, sniffDelimiter, type TextEncoding } from './text-table';

export type { TextEncoding } from './text-table';
export type FileFormat = 'csv' | 'tsv' | 'xlsx' | 'ods' | 'xls' | 'text';

export interface TabularSheet {
  name: string;
  /** rows[i] is row i + 1 of the sheet or line i + 1 of the text. */
  rows: string[][];
}

export interface TabularFile {
  format: FileFormat;
  /** Text files only. */
  encoding: TextEncoding | null;
  /** CSV/TSV only. */
  delimiter: string | null;
  sheets: TabularSheet[];
  /** The decoded, cleaned text of a text file (csv, tsv, text); null for workbooks. */
  text: string | null;
}

export type ReadResult = { ok: true; value: TabularFile } | { ok: false; error: ImportMessage };

export interface ReadLimits {
  maxBytes?: number;
  maxRows?: number;
  maxCellChars?: number;
}

const MIB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = 10 * MIB;
export const DEFAULT_MAX_ROWS = 50_000;
export const DEFAULT_MAX_CELL_CHARS = 5_000;
/** Beyond this a sheet is not a plan; it also bounds memory (rows x columns). */
export const MAX_COLUMNS = 1_000;
/** Sum of a ZIP's declared uncompressed sizes: a 50,000-row XLSX stays far below; a zip bomb does not. */
export const MAX_UNZIPPED_BYTES = 100 * MIB;

type Limits = Required<ReadLimits>;

function refuse(code: string, params?: Record<string, string | number>): ReadResult {
  return { ok: false, error: params ? { code, params } : { code } };
}

function toMb(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

export function readTabularFile(bytes: Uint8Array, opts: ReadLimits = {}): ReadResult {
  const limits: Limits = {
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRows: opts.maxRows ?? DEFAULT_MAX_ROWS,
    maxCellChars: opts.maxCellChars ?? DEFAULT_MAX_CELL_CHARS,
  };
  if (bytes.length === 0) return refuse('import.file.empty');
  if (bytes.length > limits.maxBytes) return refuse('import.file.tooLarge', { maxMb: toMb(limits.maxBytes) });

  const signature = sniffSignature(bytes);
  switch (signature.kind) {
    case 'refused':
      return refuse('import.file.unsupportedType', { detected: signature.detected });
    case 'utf16':
      return refuse('import.file.unsupportedEncoding', { detected: 'UTF-16' });
    case 'zip':
      return readZip(bytes, limits);
    case 'ole':
      return readOle(bytes, limits);
    case 'text':
      return readText(bytes, limits);
  }
}

function capCell(value: string, limits: Limits): string {
  return value.length > limits.maxCellChars ? value.slice(0, limits.maxCellChars) : value;
}

function readText(bytes: Uint8Array, limits: Limits): ReadResult {
  const { text: decoded, encoding } = decodeText(bytes);
  const text = cleanText(decoded);
  if (text.trim() === '') return refuse('import.file.empty');
  const tooManyRows = refuse('import.file.tooManyRows', { maxRows: limits.maxRows });

  const delimiter = sniffDelimiter(text);
  if (delimiter === null) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length > limits.maxRows) return tooManyRows;
    const rows = lines.map((line) => [capCell(line, limits)]);
    return { ok: true, value: { format: 'text', encoding, delimiter: null, sheets: [{ name: 'text', rows }], text } };
  }

  let records: string[][];
  try {
    records = parseDelimited(text, delimiter, limits.maxRows + 1);
  } catch {
    return refuse('import.file.unreadable');
  }
  if (records.length > limits.maxRows) return tooManyRows;
  if (records.some((r) => r.length > MAX_COLUMNS))
    return refuse('import.file.tooManyColumns', { maxColumns: MAX_COLUMNS });
  const format = delimiter === '\t' ? 'tsv' : 'csv';
  const rows = records.map((r) => r.map((cell) => capCell(cell, limits)));
  return { ok: true, value: { format, encoding, delimiter, sheets: [{ name: format, rows }], text } };
}

function readZip(bytes: Uint8Array, limits: Limits): ReadResult {
  const entries = listZipEntries(bytes);
  if (!entries) return refuse('import.file.unreadable');
  const zipKind = classifyZip(bytes, entries);
  if (zipKind.kind === 'refused') return refuse('import.file.unsupportedType', { detected: zipKind.detected });
  const unzippedBytes = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unzippedBytes > MAX_UNZIPPED_BYTES)
    return refuse('import.file.tooLargeUncompressed', { maxMb: toMb(MAX_UNZIPPED_BYTES) });
  return readWorkbook(bytes, zipKind.kind, limits);
}

/** OLE compound files hold XLS workbooks but also Word/PowerPoint 97 files and password-protected XLSX. */
function readOle(bytes: Uint8Array, limits: Limits): ReadResult {
  let container: unknown;
  try {
    container = compoundFiles.read(asBuffer(bytes), { type: 'buffer' });
  } catch {
    return refuse('import.file.unreadable');
  }
  const has = (name: string) => compoundFiles.find(container, name) != null;
  if (has('EncryptionInfo') || has('EncryptedPackage')) return refuse('import.file.encrypted');
  if (has('Workbook') || has('Book')) return readWorkbook(bytes, 'xls', limits);
  const detected = has('WordDocument') ? 'DOC' : has('PowerPoint Document') ? 'PPT' : 'OLE';
  return refuse('import.file.unsupportedType', { detected });
}

/** SheetJS ships its OLE reader (CFB) untyped. */
interface CompoundFileApi {
  read(data: Buffer, opts: { type: 'buffer' }): unknown;
  find(container: unknown, path: string): unknown;
}
const compoundFiles: CompoundFileApi = XLSX.CFB;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readWorkbook(bytes: Uint8Array, format: 'xlsx' | 'ods' | 'xls', limits: Limits): ReadResult {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(asBuffer(bytes), {
      type: 'buffer',
      // Dense storage and a row cap keep a hostile sheet from allocating millions of cells.
      dense: true,
      sheetRows: limits.maxRows + 1,
      cellFormula: true,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      WTF: false,
    });
  } catch {
    return refuse('import.file.unreadable');
  }

  const sheets: TabularSheet[] = [];
  for (const name of workbook.SheetNames) {
    const data: XLSX.CellObject[][] | undefined = workbook.Sheets[name]?.['!data'];
    const rows: string[][] = [];
    for (let r = 0; r < (data?.length ?? 0); r++) {
      if (rows.length >= limits.maxRows) return refuse('import.file.tooManyRows', { maxRows: limits.maxRows });
      const cells = data?.[r] ?? [];
      let width = cells.length;
      while (width > 0 && cellText(cells[width - 1]) === '') width--;
      if (width > MAX_COLUMNS) return refuse('import.file.tooManyColumns', { maxColumns: MAX_COLUMNS });
      const row: string[] = [];
      for (let c = 0; c < width; c++) row.push(capCell(cleanText(cellText(cells[c])), limits));
      rows.push(row);
    }
    sheets.push({ name: cleanText(name), rows });
  }
  if (!sheets.some((s) => s.rows.some((r) => r.some((cell) => cell.trim() !== '')))) return refuse('import.file.empty');
  return { ok: true, value: { format, encoding: null, delimiter: null, sheets, text: null } };
}

/**
 * The cell as the spreadsheet displayed it when last saved. SheetJS never
 * evaluates formulas; a formula saved without its result (some generators do
 * that) comes back as its text, e.g. "=1+1", rather than being computed here.
 */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return '';
  if (cell.v === undefined || cell.v === null) return cell.f ? `=${cell.f}` : '';
  if (typeof cell.w === 'string') return cell.w;
  try {
    return XLSX.utils.format_cell(cell);
  } catch {
    return String(cell.v);
  }
}
