/**
 * The common GES 1point5 file read fast: text (UTF-8 or Windows-1252),
 * tab-separated, with no double quote anywhere. Then the plan importer's
 * reader (readTabularFile, csv-parse underneath) yields exactly the lines
 * split on tabs, a final newline ending the last line, so the file can be
 * visited line by line without holding a million records of cells at once.
 *
 * Same steps as readTabularFile's text path (decoding, cleaning, delimiter
 * sniffing, row, column and cell limits) and the same refusals in the same
 * order. Any other file (a quote somewhere, another delimiter, a workbook, an
 * empty or refused file) is not handled here: undefined sends it to
 * readTabularFile.
 */
import { MAX_COLUMNS } from '../plan-import/file-reader';
import { sniffSignature } from '../plan-import/file-signature';
import { cleanText, decodeText, sniffDelimiter, type TextEncoding } from '../plan-import/text-table';

export interface PlainTabLimits {
  maxBytes: number;
  maxRows: number;
  maxCellChars: number;
}

export type PlainTabRead =
  | { ok: true; encoding: TextEncoding }
  | { ok: false; error: { code: string; params: Record<string, string | number> } };

/**
 * Calls `visit` with each record (cells capped at maxCellChars) and its
 * 0-based index, in order; undefined, without a call, when the shortcut does
 * not apply. On a refusal some records may already have been visited.
 */
export function visitPlainTabText(
  bytes: Uint8Array,
  limits: PlainTabLimits,
  visit: (record: string[], index: number) => void,
): PlainTabRead | undefined {
  if (bytes.length === 0 || bytes.length > limits.maxBytes) return undefined;
  if (sniffSignature(bytes).kind !== 'text') return undefined;
  const { text: decoded, encoding } = decodeText(bytes);
  const text = cleanText(decoded);
  if (text.trim() === '' || text.includes('"') || sniffDelimiter(text) !== '\t') return undefined;

  let records = 0;
  let tooManyColumns = false;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (++records > limits.maxRows) {
      return { ok: false, error: { code: 'import.file.tooManyRows', params: { maxRows: limits.maxRows } } };
    }
    const cells = text.slice(start, end).split('\t');
    start = end + 1;
    if (cells.length > MAX_COLUMNS) tooManyColumns = true;
    if (tooManyColumns) continue;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (cell.length > limits.maxCellChars) cells[c] = cell.slice(0, limits.maxCellChars);
    }
    visit(cells, records - 1);
  }
  if (tooManyColumns) {
    return { ok: false, error: { code: 'import.file.tooManyColumns', params: { maxColumns: MAX_COLUMNS } } };
  }
  return { ok: true, encoding };
}
