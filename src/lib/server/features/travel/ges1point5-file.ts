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
import { cleanCell, oneLine } from '../plan-import/cell-text';
import { type FileFormat, readTabularFile, type TextEncoding } from '../plan-import/file-reader';
import {
  carriesPassengers,
  formatGes1point5Date,
  GES1POINT5_HEADER,
  ges1point5WordOfMode,
  isGes1point5Header,
} from './ges1point5-format';
import { cellReader, checkRow, MAX_GES1POINT5_CELL_CHARS } from './ges1point5-row';
import { visitPlainTabText } from './ges1point5-tsv';
import type { TravelMode } from './modes';

export { MAX_GES1POINT5_CELL_CHARS } from './ges1point5-row';

/** Legs (data rows) one file may hold. */
export const MAX_GES1POINT5_LEGS = 1_000_000;
/** A million legs of about 100 bytes each; bounds memory before anything is parsed. */
export const MAX_GES1POINT5_FILE_BYTES = 128 * 1024 * 1024;

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
  const limits = {
    maxBytes: MAX_GES1POINT5_FILE_BYTES,
    maxRows: MAX_GES1POINT5_LEGS + 1,
    // One more than allowed, so that an over-long cell is seen (the reader truncates) and its row rejected.
    maxCellChars: MAX_GES1POINT5_CELL_CHARS + 1,
  };
  const reading = recordReader();
  // The usual file (tab-separated text without quotes) is read line by line; anything else as a whole.
  const plain = visitPlainTabText(bytes, limits, reading.visit);
  let format: FileFormat = 'tsv';
  let encoding: TextEncoding | null;
  if (plain) {
    if (!plain.ok) return refusal(plain.error);
    encoding = plain.encoding;
  } else {
    const read = readTabularFile(bytes, limits);
    if (!read.ok) return refusal(read.error);
    format = read.value.format;
    encoding = read.value.encoding;
    // Rows are only checked once the file is known to be tab-separated: a CSV file is refused as a whole.
    if (format !== 'tsv') reading.headerOnly();
    (read.value.sheets[0]?.rows ?? []).forEach(reading.visit);
  }
  if (!reading.isGes1point5()) return { ok: false, error: { code: 'travel.import.notGes1point5File' } };
  if (format !== 'tsv') return { ok: false, error: { code: 'travel.import.notTabSeparated' } };
  const rows = reading.rows;
  if (rows.length === 0) return { ok: false, error: { code: 'travel.import.noLegs' } };
  return {
    ok: true,
    filename: oneLine(cleanCell(filename).text),
    encoding,
    rows,
    counts: countRows(rows),
  };
}

function refusal(error: { code: string; params?: Record<string, string | number> }): Ges1point5ReadResult {
  if (error.code === 'import.file.tooManyRows')
    return { ok: false, error: { code: error.code, params: { maxRows: MAX_GES1POINT5_LEGS } } };
  return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
}

/** Visits records in file order: blank ones skipped, the first other one the header, each later one a leg. */
function recordReader() {
  const cells = cellReader();
  const rows: Ges1point5Row[] = [];
  let header: boolean | undefined;
  let checkRows = true;
  return {
    rows,
    visit: (record: readonly string[], index: number) => {
      if (header === false || isBlank(record)) return;
      if (header === undefined) header = isGes1point5Header(record);
      else if (checkRows) rows.push(checkRow(record, index + 1, cells));
    },
    headerOnly: () => {
      checkRows = false;
    },
    isGes1point5: () => header === true,
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
