/**
 * The common GES 1point5 file read fast: text (UTF-8 or Windows-1252),
 * tab-separated, with no double quote anywhere. Then the plan importer's
 * reader (readTabularFile, csv-parse underneath) yields exactly the lines
 * split on tabs, a final newline ending the last line, so the file can be
 * visited line by line without holding a million records of cells at once.
 * A UTF-8 file is also decoded a megabyte at a time, cut after a newline
 * (never inside a character), rather than into one string of the whole file.
 *
 * Same steps as readTabularFile's text path (decoding, cleaning, delimiter
 * sniffing, row, column and cell limits) and the same refusals in the same
 * order. Any other file (a quote somewhere, another delimiter, a workbook, an
 * empty or refused file) is not handled here: undefined sends it to
 * readTabularFile.
 */
import { isUtf8 } from 'node:buffer';
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

const CHUNK_BYTES = 1 << 20;
const DOUBLE_QUOTE = 0x22;
const NEWLINE = 0x0a;

/** As decodeText decides it: UTF-8 (after a byte-order mark, if any) when valid, else Windows-1252. */
function encodingOf(bytes: Uint8Array): { encoding: TextEncoding; body: Uint8Array } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) return { encoding: 'windows-1252', body };
  return { encoding: hasBom ? 'utf-8-bom' : 'utf-8', body };
}

/** The cleaned text in pieces that each end with a line (or the file). */
function* cleanedPieces(bytes: Uint8Array, { encoding, body }: ReturnType<typeof encodingOf>): Generator<string> {
  if (encoding === 'windows-1252') {
    yield cleanText(decodeText(bytes).text);
    return;
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let at = 0; at < body.length; ) {
    const newline = at + CHUNK_BYTES < body.length ? body.indexOf(NEWLINE, at + CHUNK_BYTES) : -1;
    const end = newline === -1 ? body.length : newline + 1;
    // "\r\n" never straddles two pieces: a piece ends just after a newline.
    yield cleanText(decoder.decode(body.subarray(at, end)));
    at = end;
  }
}

/**
 * Calls `visit` with each record (cells capped at maxCellChars) and its
 * 0-based index, in order; undefined when the shortcut does not apply (some
 * records may have been visited by then, as on a refusal).
 */
export function visitPlainTabText(
  bytes: Uint8Array,
  limits: PlainTabLimits,
  visit: (record: string[], index: number) => void,
): PlainTabRead | undefined {
  if (bytes.length === 0 || bytes.length > limits.maxBytes) return undefined;
  if (sniffSignature(bytes).kind !== 'text') return undefined;
  // A double quote is byte 0x22 in UTF-8 and in Windows-1252 alike.
  if (bytes.includes(DOUBLE_QUOTE)) return undefined;
  const decoding = encodingOf(bytes);

  let records = 0;
  let tooManyColumns = false;
  let sawText = false;
  let first = true;
  for (const text of cleanedPieces(bytes, decoding)) {
    // The sniffer reads the first 64 KiB, which the first piece holds unless it is the whole file.
    if (first && sniffDelimiter(text) !== '\t') return undefined;
    first = false;
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      // A file of blank lines is refused as empty by readTabularFile, before its row count.
      if (!sawText && line.trim() !== '') sawText = true;
      if (++records > limits.maxRows) {
        if (!sawText) return undefined;
        return { ok: false, error: { code: 'import.file.tooManyRows', params: { maxRows: limits.maxRows } } };
      }
      const cells = line.split('\t');
      if (cells.length > MAX_COLUMNS) tooManyColumns = true;
      if (tooManyColumns) continue;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c]!;
        if (cell.length > limits.maxCellChars) cells[c] = cell.slice(0, limits.maxCellChars);
      }
      visit(cells, records - 1);
    }
  }
  if (!sawText) return undefined;
  if (tooManyColumns) {
    return { ok: false, error: { code: 'import.file.tooManyColumns', params: { maxColumns: MAX_COLUMNS } } };
  }
  return { ok: true, encoding: decoding.encoding };
}
