/**
 * One line of a GES 1point5 travel file checked cell by cell: its leg, or
 * why it is rejected, or what needs a look. A file repeats the same cities,
 * countries, dates and mode words on thousands of lines, so a `CellReader`
 * (one per file) reads each distinct cell once and shares the resulting text
 * between the legs that hold it.
 */
import { cleanCell, oneLine, quote, unneutralise } from '../plan-import/cell-text';
import type { Ges1point5Leg, Ges1point5Message, Ges1point5Row, Ges1point5RowCode } from './ges1point5-file';
import {
  GES1POINT5_COLUMN_COUNT,
  isCar,
  modeOfGes1point5Word,
  parseGes1point5Date,
  parseOuiNon,
} from './ges1point5-format';
import type { TravelMode } from './modes';

/** A city, a country or a purpose never needs more; a longer cell rejects its row. */
export const MAX_GES1POINT5_CELL_CHARS = 200;
const MAX_PASSENGERS = 99;
const WARNING_CODES: ReadonlySet<Ges1point5RowCode> = new Set(['travel.import.row.passengersDefaulted']);
const NO_MESSAGES: readonly Ges1point5Message[] = Object.freeze([]);
/** Distinct values a cache keeps; a hostile file of all-different cells does not grow it further. */
const MAX_CACHED = 50_000;

/**
 * True when cleaning changes nothing: printable ASCII and Latin letters
 * (U+00A1-U+017F but the soft hyphen, all unchanged by NFC, none a space or a
 * control), words one space apart, no apostrophe in front: cleaning would
 * give the cell back unchanged.
 */
function isPlainCell(cell: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    if ((c < 0x21 || c > 0x7e) && (c < 0xa1 || c > 0x17f || c === 0xad)) return false;
  }
  return !afterSpace && cell.charCodeAt(0) !== 0x27;
}

/** Trimmed, invisible characters removed, formula apostrophe removed. */
export function cellText(raw: string | undefined): string {
  if (raw !== undefined && isPlainCell(raw)) return raw;
  return unneutralise(oneLine(cleanCell(raw).text));
}

function cached<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as T;
  const value = compute(key);
  if (cache.size < MAX_CACHED) cache.set(key, value);
  return value;
}

/** Reads the cells of one file, each distinct text once. */
export function cellReader() {
  const texts = new Map<string, string>();
  const dates = new Map<string, string | undefined>();
  const modes = new Map<string, TravelMode | undefined>();
  return {
    /**
     * The clean text of a cell, shared: a copy made once per distinct cell, so
     * that no leg keeps the whole decoded file alive through a substring.
     */
    text: (raw: string | undefined): string =>
      raw === undefined || raw === '' ? '' : cached(texts, raw, (cell) => `${cellText(cell)} `.slice(0, -1)),
    date: (text: string) => cached(dates, text, parseGes1point5Date),
    mode: (text: string) => cached(modes, text, modeOfGes1point5Word),
  };
}

export type CellReader = ReturnType<typeof cellReader>;

function say(messages: Ges1point5Message[], code: Ges1point5RowCode, params: Record<string, string | number> = {}) {
  messages.push({ code, params });
}

export function checkRow(record: readonly string[], line: number, cells: CellReader): Ges1point5Row {
  const messages: Ges1point5Message[] = [];

  for (let c = 0; c < GES1POINT5_COLUMN_COUNT; c++) {
    const cell = record[c] ?? '';
    // A cell counts in characters; only one longer in UTF-16 units can be too long.
    if (cell.length > MAX_GES1POINT5_CELL_CHARS && Array.from(cell).length > MAX_GES1POINT5_CELL_CHARS)
      say(messages, 'travel.import.row.cellTooLong', { column: c + 1, maxChars: MAX_GES1POINT5_CELL_CHARS });
  }
  if (messages.length > 0) return { line, status: 'rejected', messages };

  // Mission numbers are mostly all different: cleaned, not cached.
  const missionText = cellText(record[0]);
  const dateText = cellText(record[1]);
  const fromCity = cells.text(record[2]);
  const fromCountry = cells.text(record[3]);
  const toCity = cells.text(record[4]);
  const toCountry = cells.text(record[5]);
  const modeText = cells.text(record[6]);
  const passengersText = cells.text(record[7]);
  const roundTripText = cells.text(record[8]);
  const purpose = cells.text(record[9]) || null;
  const status = cells.text(record[10]) || null;

  let mission: number | undefined;
  if (missionText === '') say(messages, 'travel.import.row.missionMissing');
  else if (/^\d{1,9}$/.test(missionText) && Number(missionText) >= 1) mission = Number(missionText);
  else say(messages, 'travel.import.row.missionInvalid', { value: quote(missionText) });

  let date: string | undefined;
  if (dateText === '') say(messages, 'travel.import.row.dateMissing');
  else {
    date = cells.date(dateText);
    if (!date) say(messages, 'travel.import.row.dateInvalid', { value: quote(dateText) });
  }

  if (fromCity === '') say(messages, 'travel.import.row.fromCityMissing');
  if (fromCountry === '') say(messages, 'travel.import.row.fromCountryMissing');
  if (toCity === '') say(messages, 'travel.import.row.toCityMissing');
  if (toCountry === '') say(messages, 'travel.import.row.toCountryMissing');

  let mode: TravelMode | undefined;
  if (modeText === '') say(messages, 'travel.import.row.modeMissing');
  else {
    mode = cells.mode(modeText);
    if (!mode) say(messages, 'travel.import.row.modeUnknown', { value: quote(modeText) });
  }

  let passengers: number | undefined = 1;
  if (passengersText !== '') {
    passengers = /^\d{1,2}$/.test(passengersText) ? Number(passengersText) : undefined;
    if (passengers === undefined || passengers < 1 || passengers > MAX_PASSENGERS) {
      passengers = undefined;
      say(messages, 'travel.import.row.passengersInvalid', { value: quote(passengersText), max: MAX_PASSENGERS });
    }
  } else if (mode && isCar(mode)) {
    // A converter fills an empty count with 1 (carbon-method.md §1.3, UNCONFIRMED in GES 1point5): say so, a car shared by 3 divides by 3.
    say(messages, 'travel.import.row.passengersDefaulted');
  }

  let roundTrip: boolean | undefined;
  if (roundTripText === '') say(messages, 'travel.import.row.roundTripMissing');
  else {
    roundTrip = parseOuiNon(roundTripText);
    if (roundTrip === undefined) say(messages, 'travel.import.row.roundTripInvalid', { value: quote(roundTripText) });
  }

  const rejected = messages.some((m) => !WARNING_CODES.has(m.code));
  if (
    rejected ||
    mission === undefined ||
    date === undefined ||
    mode === undefined ||
    passengers === undefined ||
    roundTrip === undefined
  )
    return { line, status: 'rejected', messages };
  const leg: Ges1point5Leg = {
    mission,
    date,
    fromCity,
    fromCountry,
    toCity,
    toCountry,
    mode,
    passengers,
    roundTrip,
    purpose,
    status,
  };
  if (messages.length > 0) return { line, status: 'warning', messages, leg };
  // A million valid lines share one empty list rather than holding one each (32 MB).
  return { line, status: 'valid', messages: NO_MESSAGES as Ges1point5Message[], leg };
}
