/**
 * Reads a file of flights by IATA airport code (a travel agency's or an
 * airline's export): CSV with any delimiter, UTF-8 or Windows-1252, or a
 * workbook. Its header names the columns (French or English synonyms, no
 * mapping step); every leg is a plane leg from one airport code to another.
 *
 * Decisions:
 * - Codes are upper-cased ("cdg" is CDG) and checked against the offline
 *   airport list when the caller gives it (`isKnownAirport`), so an unknown
 *   code is rejected with its own reason rather than guessed as a city.
 * - One row is one traveller. "Passengers" in Trajectoire means people
 *   sharing a car, which a plane's per-passenger factor ignores, and a file
 *   row becomes exactly one leg: a row standing for N > 1 travellers is
 *   rejected, asking for one row per traveller, rather than silently
 *   counted once.
 * - An empty cabin cell records no class; an unreadable one rejects the row
 *   (the class is stored with the leg, even though no method weights it yet).
 * - Round trip, mission references and the traveller's category read as in
 *   the accounting export.
 */
import { cleanCell, oneLine, quote } from '../plan-import/cell-text';
import { readTabularFile } from '../plan-import/file-reader';
import { cabinClassOfWord, IATA_FIELDS, IATA_SYNONYMS, type IataField, REQUIRED_IATA_FIELDS } from './iata-words';
import type { TripFileMessage, TripFileReader, TripFileReadResult, TripFileRow } from './trip-file';
import {
  cellText,
  HEADER_SEARCH_ROWS,
  isBlankRecord,
  MAX_TRIP_FILE_BYTES,
  MAX_TRIP_FILE_CELL_CHARS,
  MAX_TRIP_FILE_ROWS,
  matchHeader,
  missionNumbering,
  parseRoundTrip,
  parseTripDate,
  tooLongCells,
} from './trip-file-cells';

export const IATA_FILE_CODES = ['travel.import.iata.missingColumns', 'travel.import.iata.noRows'] as const;
export const IATA_ROW_CODES = [
  'travel.import.row.cellTooLong',
  'travel.import.row.dateMissing',
  'travel.import.formats.row.dateInvalid',
  'travel.import.iata.fromMissing',
  'travel.import.iata.toMissing',
  'travel.import.iata.codeInvalid',
  'travel.import.iata.codeUnknown',
  'travel.import.iata.cabinUnknown',
  'travel.import.iata.travellersInvalid',
  'travel.import.iata.travellersSplit',
  'travel.import.formats.row.roundTripInvalid',
  'travel.import.formats.row.roundTripDefaulted',
  'travel.import.formats.row.missionDefaulted',
] as const;
type IataRowCode = (typeof IATA_ROW_CODES)[number];
const WARNING_CODES: ReadonlySet<string> = new Set<IataRowCode>([
  'travel.import.formats.row.roundTripDefaulted',
  'travel.import.formats.row.missionDefaulted',
]);

export interface IataReadOptions {
  /** True when the code is in the airport list; without it, any three letters are accepted. */
  isKnownAirport?: (code: string) => boolean;
}

/** The header row: the first of the top rows naming a date, a departure and an arrival column. */
function findHeader(records: readonly (readonly string[])[]): {
  row: number;
  columns: Partial<Record<IataField, number>>;
} {
  let best = { row: records.findIndex((r) => !isBlankRecord(r)), columns: {} as Partial<Record<IataField, number>> };
  for (let row = 0; row < Math.min(records.length, HEADER_SEARCH_ROWS); row++) {
    const columns = matchHeader(records[row] ?? [], IATA_SYNONYMS, IATA_FIELDS);
    if (REQUIRED_IATA_FIELDS.every((f) => columns[f] !== undefined)) return { row, columns };
    if (row === best.row) best = { row, columns };
  }
  return best;
}

export function readIataFile(bytes: Uint8Array, filename: string, options: IataReadOptions = {}): TripFileReadResult {
  const read = readTabularFile(bytes, {
    maxBytes: MAX_TRIP_FILE_BYTES,
    maxRows: MAX_TRIP_FILE_ROWS + 1,
    maxCellChars: MAX_TRIP_FILE_CELL_CHARS + 1,
  });
  if (!read.ok) {
    if (read.error.code === 'import.file.tooManyRows')
      return { ok: false, error: { code: read.error.code, params: { maxRows: MAX_TRIP_FILE_ROWS } } };
    return { ok: false, error: { code: read.error.code, ...(read.error.params ? { params: read.error.params } : {}) } };
  }
  const records = read.value.sheets[0]?.rows ?? [];
  const header = findHeader(records);
  const missing = REQUIRED_IATA_FIELDS.filter((f) => header.columns[f] === undefined);
  if (missing.length > 0)
    return { ok: false, error: { code: 'travel.import.iata.missingColumns', params: { missing: missing.join(', ') } } };
  const numberMission = missionNumbering();
  const rows: TripFileRow[] = [];
  for (let i = header.row + 1; i < records.length; i++) {
    const record = records[i] ?? [];
    if (!isBlankRecord(record))
      rows.push(
        readFlight(record, i + 1, header.columns, numberMission, {
          ...options,
          fromWorkbook: read.value.text === null,
        }),
      );
  }
  if (rows.length === 0) return { ok: false, error: { code: 'travel.import.iata.noRows' } };
  return { ok: true, filename: oneLine(cleanCell(filename).text), rows };
}

/** The reader of a flights file, checking codes against the given airport list. */
export function iataFileReader(options: IataReadOptions = {}): TripFileReader {
  return (bytes, filename) => readIataFile(bytes, filename, options);
}

const IATA_CODE = /^[A-Z]{3}$/;

function readFlight(
  record: readonly string[],
  line: number,
  columns: Partial<Record<IataField, number>>,
  numberMission: ReturnType<typeof missionNumbering>,
  options: IataReadOptions & { fromWorkbook: boolean },
): TripFileRow {
  const tooLong = tooLongCells(record, Object.values(columns));
  if (tooLong.length > 0) return { line, status: 'rejected', messages: tooLong };
  const has = (field: IataField) => columns[field] !== undefined;
  const get = (field: IataField) => {
    const column = columns[field];
    return column === undefined ? '' : cellText(record[column]);
  };
  const messages: TripFileMessage[] = [];
  const say = (code: IataRowCode, params: Record<string, string | number> = {}) => messages.push({ code, params });

  const dateText = get('date');
  const date = dateText === '' ? undefined : parseTripDate(dateText, { fromWorkbook: options.fromWorkbook });
  if (dateText === '') say('travel.import.row.dateMissing');
  else if (!date) say('travel.import.formats.row.dateInvalid', { value: quote(dateText) });

  const code = (field: 'from' | 'to'): string => {
    const raw = get(field);
    const text = raw.toUpperCase();
    if (text === '') say(field === 'from' ? 'travel.import.iata.fromMissing' : 'travel.import.iata.toMissing');
    else if (!IATA_CODE.test(text)) say('travel.import.iata.codeInvalid', { value: quote(raw) });
    else if (options.isKnownAirport && !options.isKnownAirport(text))
      say('travel.import.iata.codeUnknown', { value: text });
    return text;
  };
  const from = code('from');
  const to = code('to');

  let roundTrip: boolean | undefined = false;
  const roundTripText = get('roundTrip');
  if (has('roundTrip')) {
    if (roundTripText === '') say('travel.import.formats.row.roundTripDefaulted');
    else {
      roundTrip = parseRoundTrip(roundTripText);
      if (roundTrip === undefined) say('travel.import.formats.row.roundTripInvalid', { value: quote(roundTripText) });
    }
  }

  const cabinText = get('cabinClass');
  const cabinClass = cabinText === '' ? undefined : cabinClassOfWord(cabinText);
  if (cabinText !== '' && !cabinClass) say('travel.import.iata.cabinUnknown', { value: quote(cabinText) });

  const travellersText = get('travellers');
  if (travellersText !== '') {
    const n = /^\d{1,4}$/.test(travellersText) ? Number(travellersText) : 0;
    if (n < 1) say('travel.import.iata.travellersInvalid', { value: quote(travellersText) });
    else if (n > 1) say('travel.import.iata.travellersSplit', { count: n });
  }

  const missionRef = get('missionRef');
  if (has('missionRef') && missionRef === '') say('travel.import.formats.row.missionDefaulted');

  const rejected = messages.some((m) => !WARNING_CODES.has(m.code));
  if (rejected || !date || roundTrip === undefined) return { line, status: 'rejected', messages };
  return {
    line,
    status: messages.length > 0 ? 'warning' : 'valid',
    messages,
    leg: {
      ...numberMission(missionRef),
      date,
      fromCity: from,
      fromCountry: '',
      toCity: to,
      toCountry: '',
      mode: 'plane',
      passengers: 1,
      roundTrip,
      purpose: get('purpose') || null,
      status: get('travellerStatus') || null,
      ...(cabinClass ? { cabinClass } : {}),
    },
  };
}
