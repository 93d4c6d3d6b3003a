/**
 * Text files (CSV, TSV, plain text): decoding, cleaning and delimiter
 * sniffing. French spreadsheets are often exported as Windows-1252 with ";",
 * so none of these can be assumed.
 */
import { parse } from 'csv-parse/sync';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Windows-1252 code points for bytes 0x80-0x9F (WHATWG encoding standard).
 * Node 20's TextDecoder('windows-1252') decodes these as Latin-1 C1 controls,
 * which would lose "œ", "€" and typographic quotes. The five bytes 1252
 * leaves undefined stay C1 controls, removed later by `cleanText`.
 */
// biome-ignore format: one row of the table per line of eight bytes
const CP1252_HIGH = [
  '€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', // 0x80-0x87
  'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f', // 0x88-0x8F
  '\u0090', '‘', '’', '“', '”', '•', '–', '—', // 0x90-0x97
  '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ', // 0x98-0x9F
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** Unix line endings, and no control characters but tab and newline (they break cells and logs). */
export function cleanText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export const DELIMITER_CANDIDATES = ['\t', ';', ',', '|'] as const;
const SNIFF_RECORDS = 40;
const SNIFF_CHARS = 64 * 1024;
/** Share of sampled records that must agree on one column count; a title or a note above the table must not defeat the sniffer. */
const SNIFF_AGREEMENT = 0.6;

/** Number of fields of each non-empty record, honouring double quotes at the start of a field if asked. */
function fieldCounts(sample: string, delimiter: string, honourQuotes: boolean): number[] {
  const counts: number[] = [];
  let fields = 1;
  let recordLength = 0;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < sample.length && counts.length < SNIFF_RECORDS; i++) {
    const c = sample[i];
    if (inQuotes) {
      if (c === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '\n') {
      if (recordLength > 0) counts.push(fields);
      fields = 1;
      recordLength = 0;
      atFieldStart = true;
      continue;
    }
    recordLength++;
    if (c === delimiter) {
      fields++;
      atFieldStart = true;
    } else {
      if (c === '"' && atFieldStart && honourQuotes) inQuotes = true;
      atFieldStart = false;
    }
  }
  if (recordLength > 0 && counts.length < SNIFF_RECORDS) counts.push(fields);
  return counts;
}

/**
 * The delimiter giving most of the first records one same column count above
 * one; a tab wins whenever it qualifies (TSV cells often contain commas).
 * Null when none qualifies: the file is plain text.
 */
export function sniffDelimiter(text: string): string | null {
  const sample = text.slice(0, SNIFF_CHARS);
  // An unbalanced quote hides every delimiter after it: try again reading quotes as plain characters.
  return sniffWith(sample, true) ?? sniffWith(sample, false);
}

function sniffWith(sample: string, honourQuotes: boolean): string | null {
  let best: { delimiter: string; support: number } | null = null;
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = fieldCounts(sample, delimiter, honourQuotes);
    const frequency = new Map<number, number>();
    for (const n of counts) if (n > 1) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const support = Math.max(0, ...frequency.values());
    if (support === 0 || support < Math.ceil(counts.length * SNIFF_AGREEMENT)) continue;
    if (delimiter === '\t') return delimiter;
    if (!best || support > best.support) best = { delimiter, support };
  }
  return best?.delimiter ?? null;
}

/**
 * Records of a delimited text, blank lines kept as [''] so that record i is
 * line i + 1 (unless a quoted cell spans lines). At most `maxRecords` records.
 */
export function parseDelimited(text: string, delimiter: string, maxRecords: number): string[][] {
  const options = {
    delimiter,
    bom: false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    to: maxRecords,
  };
  try {
    return parse(text, options) as string[][];
  } catch {
    // An unbalanced quote would otherwise swallow the rest of the file or fail: read quotes as plain characters.
    return parse(text, { ...options, quote: false }) as string[][];
  }
}
