/**
 * Cells shared by the accounting-export and IATA-flights readers: headers
 * recognised by folded synonyms, dates in their usual French and ISO forms,
 * round-trip words, amounts with decimal commas, and missions numbered in
 * order of first appearance. Pure; no database.
 */
import { cleanCell, fold, oneLine, unneutralise } from '../plan-import/cell-text';
import { MAX_GES1POINT5_CELL_CHARS } from './ges1point5-file';
import type { TripFileMessage } from './trip-file';

/** A city, an airport code, a category or a purpose never needs more; a longer mapped cell rejects its row. */
export const MAX_TRIP_FILE_CELL_CHARS = MAX_GES1POINT5_CELL_CHARS;
/** Accounting exports hold many lines that are not trips (hotels, meals): room for a large institution's year. */
export const MAX_TRIP_FILE_ROWS = 200_000;
/** Bounds memory before anything is parsed; far above a year of expense lines. */
export const MAX_TRIP_FILE_BYTES = 64 * 1024 * 1024;
/** A header sits near the top, under an export title or two. */
export const HEADER_SEARCH_ROWS = 30;
/** People sharing a car, as in the GES 1point5 reader. */
export const MAX_FILE_PASSENGERS = 99;

/** Trimmed, invisible characters removed, one line, formula apostrophe removed. */
export function cellText(raw: string | undefined): string {
  return unneutralise(oneLine(cleanCell(raw).text));
}

export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

/** A header cell as compared: folded, without a bracketed note or unit ("Montant (€)" -> "montant"). */
export function headerKey(text: string): string {
  return fold(text.replace(/\([^)]*\)/g, ' ').replace(/[€$£]/g, ' '));
}

/**
 * Which column holds which field: for each field in order, its synonyms in
 * order of preference, the first column not already taken. A column serves
 * one field only ("Pays" is not both countries).
 */
export function matchHeader<F extends string>(
  header: readonly string[],
  synonyms: Readonly<Record<F, readonly string[]>>,
  fields: readonly F[],
): Partial<Record<F, number>> {
  const keys = header.map((cell) => headerKey(cell ?? ''));
  const taken = new Set<number>();
  const found: Partial<Record<F, number>> = {};
  for (const field of fields) {
    for (const synonym of synonyms[field]) {
      const index = keys.findIndex((key, i) => key === synonym && !taken.has(i));
      if (index >= 0) {
        found[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return found;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/;
/** How the workbook reader shows a date cell in Excel's built-in short-date format (number format 14): "3/12/26". */
const WORKBOOK_SHORT_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/;

/**
 * "24/01/2019", "24/01/19", "24.01.2019", "24-01-2019" and "2019-01-24" ->
 * "2019-01-24"; undefined when not a real day. A two-digit year is 20yy: an
 * accounting export lists past business trips, none before 2000. Day first,
 * never month first: the exports read here are French or ISO — except a
 * workbook's date cell in Excel's built-in short-date format, which the
 * workbook reader (SheetJS, whatever the author's locale) writes month first
 * as "m/d/yy": `fromWorkbook` reads that one shape month first.
 */
export function parseTripDate(text: string, options: { fromWorkbook?: boolean } = {}): string | undefined {
  const trimmed = text.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO.exec(trimmed);
  const shortDate = options.fromWorkbook ? WORKBOOK_SHORT_DATE.exec(trimmed) : null;
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (shortDate) [month, day, year] = [Number(shortDate[1]), Number(shortDate[2]), 2000 + Number(shortDate[3])];
  else if (dayFirst) {
    const yearText = dayFirst[3] ?? '';
    [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(yearText)];
    if (yearText.length === 2) year += 2000;
  } else return undefined;
  if (!isRealDate(year, month, day)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Round-trip words, folded: French (OUI, O, AR, A/R, aller-retour) and English; "aller simple" is one way. */
const ROUND_TRIP_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...[
    'oui',
    'o',
    'ar',
    'a r',
    'aller retour',
    'aller et retour',
    'vrai',
    'yes',
    'y',
    'true',
    'round trip',
    'return',
    '1',
  ].map((w) => [w, true] as const),
  ...['non', 'n', 'aller simple', 'aller', 'simple', 'as', 'a s', 'faux', 'no', 'false', 'one way', 'single', '0'].map(
    (w) => [w, false] as const,
  ),
]);

/** true, false, or undefined when the word is not a yes/no. */
export function parseRoundTrip(text: string): boolean | undefined {
  return ROUND_TRIP_WORDS.get(fold(text));
}

/**
 * An amount as accounting exports write it -> integer cents: "1 234,56",
 * "1234.56", "1.234,56", "1,234.56", "-12,5 €", "EUR 30". With one separator
 * kind only, a comma is decimal (French exports) unless it repeats; a dot is
 * decimal unless it repeats. Undefined when the text is not an amount.
 */
export function parseAmountCents(text: string): number | undefined {
  let t = text
    .replace(/\s|\u00a0|\u202f|'|’/g, '')
    .replace(/€|eur(?:os?)?|\$|£/gi, '')
    .trim();
  const negative = /^-|^\(.*\)$|-$/.test(t);
  t = t.replace(/^[-(]|[)-]$/g, '');
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimal = t.indexOf(',') === lastComma ? ',' : null;
  else if (lastDot >= 0) decimal = t.indexOf('.') === lastDot ? '.' : null;
  const thousands = decimal === ',' ? '.' : decimal === '.' ? ',' : lastComma >= 0 ? ',' : '.';
  const parts = t
    .split(thousands)
    .join('')
    .split(decimal ?? '\u0000');
  const [whole = '', fraction = ''] = parts;
  if (parts.length > 2 || !/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return undefined;
  // String arithmetic: no float ever holds the cents.
  const padded = `${fraction}000`;
  const cents = Number(whole) * 100 + Number(padded.slice(0, 2)) + (Number(padded[2]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative ? -cents : cents;
}

/** People in the car: 1 to 99; undefined when not such a count. */
export function parsePassengers(text: string): number | undefined {
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= MAX_FILE_PASSENGERS ? n : undefined;
}

/**
 * Mission numbers in order of first appearance of their reference; the
 * reference is kept to be stored as the trip's. A row without a reference is
 * a mission of its own.
 */
export function missionNumbering(): (ref: string) => { mission: number; missionRef?: string } {
  const numbers = new Map<string, number>();
  let next = 1;
  return (ref) => {
    if (ref === '') return { mission: next++ };
    let mission = numbers.get(ref);
    if (mission === undefined) {
      mission = next++;
      numbers.set(ref, mission);
    }
    return { mission, missionRef: ref };
  };
}

/** The 1-based columns whose cell is longer than a trip cell may be, as rejection messages. */
export function tooLongCells(record: readonly string[], columns: readonly number[]): TripFileMessage[] {
  return columns
    .filter((c) => Array.from(record[c] ?? '').length > MAX_TRIP_FILE_CELL_CHARS)
    .map((c) => ({
      code: 'travel.import.row.cellTooLong',
      params: { column: c + 1, maxChars: MAX_TRIP_FILE_CELL_CHARS },
    }));
}

const TWO_WAY = /\s*(?:<->|<>|↔|⇄)\s*/;
const ONE_WAY = /\s+[-–—]+\s+|\s*(?:->|→|>|\/|–|—)\s*/;

/**
 * "Paris - Lyon", "Paris > Lyon", "Paris/Lyon", "Paris-Lyon" -> one way;
 * "Paris <-> Lyon" and "Paris - Lyon - Paris" -> a round trip. A hyphen
 * without spaces splits only when it gives exactly two places, so that
 * "Aix-en-Provence - Paris" still reads and "Aix-en-Provence" alone does not.
 */
export function splitRoute(text: string): { from: string; to: string; roundTrip: boolean } | undefined {
  const twoWay = text.split(TWO_WAY).map((p) => p.trim());
  if (twoWay.length === 2 && twoWay.every((p) => p !== ''))
    return { from: twoWay[0] ?? '', to: twoWay[1] ?? '', roundTrip: true };
  let parts = text.split(ONE_WAY).map((p) => p.trim());
  if (parts.length === 1) parts = text.split('-').map((p) => p.trim());
  if (parts.some((p) => p === '')) return undefined;
  const [from = '', to = '', back] = parts;
  if (parts.length === 2) return { from, to, roundTrip: false };
  if (parts.length === 3 && back !== undefined && from.toLowerCase() === back.toLowerCase())
    return { from, to, roundTrip: true };
  return undefined;
}
