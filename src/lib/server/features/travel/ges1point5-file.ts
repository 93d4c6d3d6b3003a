/**
 * Reads and writes the GES 1point5 travel file (tab-separated, 11 columns,
 * carbon-method.md §1.4), with no database: reading says, line by line, which
 * legs are valid, which need a look and which are rejected and why; writing
 * produces a file GES 1point5 and this reader accept.
 *
 * Uploaded bytes go through the plan importer's reader (type from the bytes,
 * UTF-8 with or without BOM or Windows-1252, NUL bytes refused, never a throw).
 * Cells stay inert text; a leading "=", "+", "-" or "@" is written with an
 * apostrophe (plan-export's neutraliseCell, OWASP CSV injection) and the
 * apostrophe is removed on reading (plan-import's unneutralise), so a city
 * called "=Foo" round-trips. A text that itself starts with "'=" loses its
 * apostrophe on the way back, the plan export's known limit.
 */
// Imported directly, not through the plan-import index, which would close an import cycle (as indicators/value-import).

import { neutraliseCell } from '../plan-export';
import { cleanCell, oneLine, quote, unneutralise } from '../plan-import/cell-text';
import { readTabularFile, type TextEncoding } from '../plan-import/file-reader';
import {
  carriesPassengers,
  formatGes1point5Date,
  GES1POINT5_COLUMN_COUNT,
  GES1POINT5_HEADER,
  ges1point5WordOfMode,
  isCar,
  isGes1point5Header,
  modeOfGes1point5Word,
  parseGes1point5Date,
  parseOuiNon,
} from './ges1point5-format';
import type { TravelMode } from './modes';

/** Legs (data rows) one file may hold. */
export const MAX_GES1POINT5_LEGS = 1_000_000;
/** A city, a country or a purpose never needs more; a longer cell rejects its row. */
export const MAX_GES1POINT5_CELL_CHARS = 200;
/** A million legs of about 100 bytes each; bounds memory before anything is parsed. */
export const MAX_GES1POINT5_FILE_BYTES = 128 * 1024 * 1024;
const MAX_PASSENGERS = 99;

/** Every code a read can produce; each is an i18n key in messages/<locale>/travel-import.json. */
export const GES1POINT5_FILE_CODES = [
  'travel.import.notGes1point5File',
  'travel.import.notTabSeparated',
  'travel.import.noLegs',
] as const;
export const GES1POINT5_ROW_CODES = [
  'travel.import.row.cellTooLong',
  'travel.import.row.missionMissing',
  'travel.import.row.missionInvalid',
  'travel.import.row.dateMissing',
  'travel.import.row.dateInvalid',
  'travel.import.row.fromCityMissing',
  'travel.import.row.fromCountryMissing',
  'travel.import.row.toCityMissing',
  'travel.import.row.toCountryMissing',
  'travel.import.row.modeMissing',
  'travel.import.row.modeUnknown',
  'travel.import.row.passengersInvalid',
  'travel.import.row.passengersDefaulted',
  'travel.import.row.roundTripMissing',
  'travel.import.row.roundTripInvalid',
] as const;
export type Ges1point5RowCode = (typeof GES1POINT5_ROW_CODES)[number];
const WARNING_CODES: ReadonlySet<Ges1point5RowCode> = new Set(['travel.import.row.passengersDefaulted']);

export interface Ges1point5Message {
  code: Ges1point5RowCode;
  params: Record<string, string | number>;
}

/** One leg of a mission; legs sharing `mission` are one mission. */
export interface Ges1point5Leg {
  mission: number;
  /** ISO yyyy-mm-dd. */
  date: string;
  fromCity: string;
  fromCountry: string;
  toCity: string;
  toCountry: string;
  mode: TravelMode;
  /** People in the car (car and taxi); 1 for other modes unless the file says otherwise. */
  passengers: number;
  roundTrip: boolean;
  purpose: string | null;
  status: string | null;
}

export type Ges1point5RowStatus = 'valid' | 'warning' | 'rejected';

export interface Ges1point5Row {
  /** 1-based line of the file (record index when a quoted cell spans lines). */
  line: number;
  status: Ges1point5RowStatus;
  messages: Ges1point5Message[];
  /** Absent when the row is rejected. */
  leg?: Ges1point5Leg;
}

export type Ges1point5Counts = Record<Ges1point5RowStatus, number> & { missions: number };

export interface Ges1point5Read {
  filename: string;
  encoding: TextEncoding | null;
  rows: Ges1point5Row[];
  counts: Ges1point5Counts;
}

export type Ges1point5ReadResult =
  | ({ ok: true } & Ges1point5Read)
  | { ok: false; error: { code: string; params?: Record<string, string | number> } };

export function readGes1point5File(bytes: Uint8Array, filename: string): Ges1point5ReadResult {
  const read = readTabularFile(bytes, {
    maxBytes: MAX_GES1POINT5_FILE_BYTES,
    maxRows: MAX_GES1POINT5_LEGS + 1,
    // One more than allowed, so that an over-long cell is seen (the reader truncates) and its row rejected.
    maxCellChars: MAX_GES1POINT5_CELL_CHARS + 1,
  });
  if (!read.ok) {
    if (read.error.code === 'import.file.tooManyRows')
      return { ok: false, error: { code: read.error.code, params: { maxRows: MAX_GES1POINT5_LEGS } } };
    return { ok: false, error: { code: read.error.code, ...(read.error.params ? { params: read.error.params } : {}) } };
  }
  const file = read.value;
  const records = file.sheets[0]?.rows ?? [];
  const headerIndex = records.findIndex((r) => !isBlank(r));
  const header = records[headerIndex] ?? [];
  if (!isGes1point5Header(header)) return { ok: false, error: { code: 'travel.import.notGes1point5File' } };
  if (file.format !== 'tsv') return { ok: false, error: { code: 'travel.import.notTabSeparated' } };

  const rows: Ges1point5Row[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i] ?? [];
    if (!isBlank(record)) rows.push(checkRow(record, i + 1));
  }
  if (rows.length === 0) return { ok: false, error: { code: 'travel.import.noLegs' } };
  return {
    ok: true,
    filename: oneLine(cleanCell(filename).text),
    encoding: file.encoding,
    rows,
    counts: countRows(rows),
  };
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function countRows(rows: readonly Ges1point5Row[]): Ges1point5Counts {
  const counts: Ges1point5Counts = { valid: 0, warning: 0, rejected: 0, missions: 0 };
  const missions = new Set<number>();
  for (const row of rows) {
    counts[row.status]++;
    if (row.leg) missions.add(row.leg.mission);
  }
  counts.missions = missions.size;
  return counts;
}

/** Trimmed, invisible characters removed, formula apostrophe removed. */
function cellText(raw: string | undefined): string {
  return unneutralise(oneLine(cleanCell(raw).text));
}

function checkRow(record: readonly string[], line: number): Ges1point5Row {
  const messages: Ges1point5Message[] = [];
  const say = (code: Ges1point5RowCode, params: Record<string, string | number> = {}) =>
    messages.push({ code, params });

  for (let c = 0; c < GES1POINT5_COLUMN_COUNT; c++) {
    if (Array.from(record[c] ?? '').length > MAX_GES1POINT5_CELL_CHARS)
      say('travel.import.row.cellTooLong', { column: c + 1, maxChars: MAX_GES1POINT5_CELL_CHARS });
  }
  if (messages.length > 0) return { line, status: 'rejected', messages };

  const [missionText, dateText, fromCity, fromCountry, toCity, toCountry, modeText, passengersText, roundTripText] =
    Array.from({ length: 9 }, (_, c) => cellText(record[c]));
  const purpose = cellText(record[9]) || null;
  const status = cellText(record[10]) || null;

  let mission: number | undefined;
  if (missionText === '') say('travel.import.row.missionMissing');
  else if (/^\d{1,9}$/.test(missionText) && Number(missionText) >= 1) mission = Number(missionText);
  else say('travel.import.row.missionInvalid', { value: quote(missionText) });

  let date: string | undefined;
  if (dateText === '') say('travel.import.row.dateMissing');
  else {
    date = parseGes1point5Date(dateText);
    if (!date) say('travel.import.row.dateInvalid', { value: quote(dateText) });
  }

  if (fromCity === '') say('travel.import.row.fromCityMissing');
  if (fromCountry === '') say('travel.import.row.fromCountryMissing');
  if (toCity === '') say('travel.import.row.toCityMissing');
  if (toCountry === '') say('travel.import.row.toCountryMissing');

  let mode: TravelMode | undefined;
  if (modeText === '') say('travel.import.row.modeMissing');
  else {
    mode = modeOfGes1point5Word(modeText);
    if (!mode) say('travel.import.row.modeUnknown', { value: quote(modeText) });
  }

  let passengers: number | undefined = 1;
  if (passengersText !== '') {
    passengers = /^\d{1,2}$/.test(passengersText) ? Number(passengersText) : undefined;
    if (passengers === undefined || passengers < 1 || passengers > MAX_PASSENGERS) {
      passengers = undefined;
      say('travel.import.row.passengersInvalid', { value: quote(passengersText), max: MAX_PASSENGERS });
    }
  } else if (mode && isCar(mode)) {
    // A converter fills an empty count with 1 (carbon-method.md §1.3, UNCONFIRMED in GES 1point5): say so, a car shared by 3 divides by 3.
    say('travel.import.row.passengersDefaulted');
  }

  let roundTrip: boolean | undefined;
  if (roundTripText === '') say('travel.import.row.roundTripMissing');
  else {
    roundTrip = parseOuiNon(roundTripText);
    if (roundTrip === undefined) say('travel.import.row.roundTripInvalid', { value: quote(roundTripText) });
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
  return { line, status: messages.length > 0 ? 'warning' : 'valid', messages, leg };
}

export interface Ges1point5Export {
  /** UTF-8 without BOM, "\n" line ends (GES 1point5's own line-end expectation is not attested; "\n" is what both known exporters' languages write by default). */
  bytes: Uint8Array<ArrayBuffer>;
  /** Indexes in `legs` of the legs left out because GES 1point5 has no such mode (bike, walk). */
  omitted: number[];
}

/** The GES 1point5 travel file of these legs, header first, in the given order. */
export function writeGes1point5File(legs: readonly Ges1point5Leg[]): Ges1point5Export {
  const lines = [GES1POINT5_HEADER.join('\t')];
  const omitted: number[] = [];
  legs.forEach((leg, index) => {
    const word = ges1point5WordOfMode(leg.mode);
    if (word === null) {
      omitted.push(index);
      return;
    }
    const passengers = carriesPassengers(leg.mode) || leg.passengers !== 1 ? String(leg.passengers) : '';
    const cells = [
      String(leg.mission),
      formatGes1point5Date(leg.date),
      textCell(leg.fromCity),
      textCell(leg.fromCountry),
      textCell(leg.toCity),
      textCell(leg.toCountry),
      word,
      passengers,
      leg.roundTrip ? 'OUI' : 'NON',
      textCell(leg.purpose ?? ''),
      textCell(leg.status ?? ''),
    ];
    lines.push(cells.join('\t'));
  });
  return { bytes: new TextEncoder().encode(`${lines.join('\n')}\n`), omitted };
}

/**
 * One line, no tab, formula neutralised. A cell starting with a double quote
 * is quoted (quotes doubled), else a tab-separated reader takes it for a
 * quoted field and drops the quotes.
 */
function textCell(text: string): string {
  const cell = neutraliseCell(oneLine(text));
  return cell.startsWith('"') ? `"${cell.replaceAll('"', '""')}"` : cell;
}
