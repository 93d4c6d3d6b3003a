/**
 * Reads an accounting or expense export (CSV with ";" or any delimiter,
 * UTF-8 or Windows-1252, or a workbook) through a column mapping: each line
 * is a leg, a rejected line with its reasons, or an expense that is not a
 * trip (a hotel night, a meal, a registration fee) skipped and counted.
 *
 * Decisions:
 * - The category decides first: a line whose category is not a trip is
 *   skipped even when its mode cell is filled; a mode cell, when mapped and
 *   filled, then wins over the category's mode ("Billet" + "avion").
 * - An unknown category is rejected, never skipped silently: a trip the
 *   reader cannot name must be looked at.
 * - Mission references are numbered in order of first appearance and kept
 *   as the trip's reference; a line without one is a mission of its own.
 * - Missing countries stay empty: the place resolver then searches every
 *   country, as the declaration form does.
 * - Round trip: an unmapped column means one way; an empty cell in a mapped
 *   column means one way too, with a warning (a return ticket counts twice).
 * - The amount is read for the report of skipped lines only; it never
 *   changes a footprint.
 */
import { cleanCell, oneLine, quote } from '../plan-import/cell-text';
import { readTabularFile, type TextEncoding } from '../plan-import/file-reader';
import { classifyExpense, modeOfWord } from './accounting-categories';
import {
  ACCOUNTING_FIELDS,
  type AccountingField,
  type AccountingMapping,
  findAccountingHeaderRow,
  locateMappedColumns,
  missingAccountingFields,
  proposeAccountingMapping,
} from './accounting-mapping';
import { isCar } from './ges1point5-format';
import type { TravelMode } from './modes';
import type { TripFileMessage, TripFileReader, TripFileReadResult, TripFileRow } from './trip-file';
import {
  cellText,
  isBlankRecord,
  MAX_FILE_PASSENGERS,
  MAX_TRIP_FILE_BYTES,
  MAX_TRIP_FILE_CELL_CHARS,
  MAX_TRIP_FILE_ROWS,
  missionNumbering,
  parseAmountCents,
  parsePassengers,
  parseRoundTrip,
  parseTripDate,
  splitRoute,
  tooLongCells,
} from './trip-file-cells';

/** Codes of a file refused as a whole; each is an i18n key (messages/<locale>/trips-formats.json or import-file.json). */
export const ACCOUNTING_FILE_CODES = [
  'travel.import.accounting.mappingIncomplete',
  'travel.import.accounting.headerNotFound',
  'travel.import.accounting.noRows',
] as const;

/** Codes a line can carry; warnings are listed in WARNING_CODES. */
export const ACCOUNTING_ROW_CODES = [
  'travel.import.row.cellTooLong',
  'travel.import.row.dateMissing',
  'travel.import.formats.row.dateInvalid',
  'travel.import.row.fromCityMissing',
  'travel.import.row.toCityMissing',
  'travel.import.accounting.routeInvalid',
  'travel.import.accounting.categoryMissing',
  'travel.import.accounting.categoryUnknown',
  'travel.import.accounting.modeMissing',
  'travel.import.accounting.modeUnknown',
  'travel.import.row.passengersInvalid',
  'travel.import.row.passengersDefaulted',
  'travel.import.formats.row.roundTripInvalid',
  'travel.import.formats.row.roundTripDefaulted',
  'travel.import.formats.row.missionDefaulted',
  'travel.import.accounting.skippedNotTrip',
  'travel.import.accounting.skippedNotTripAmount',
  'travel.import.accounting.skippedEmpty',
] as const;
type AccountingRowCode = (typeof ACCOUNTING_ROW_CODES)[number];

const WARNING_CODES: ReadonlySet<string> = new Set<AccountingRowCode>([
  'travel.import.row.passengersDefaulted',
  'travel.import.formats.row.roundTripDefaulted',
  'travel.import.formats.row.missionDefaulted',
]);

type Refusal = { ok: false; error: { code: string; params?: Record<string, string | number> } };

export interface AccountingTable {
  /** True for XLSX, ODS and XLS: their date cells come as the workbook reader shows them. */
  fromWorkbook: boolean;
  encoding: TextEncoding | null;
  delimiter: string | null;
  /** Every record of the first sheet; `headerRow` indexes the header. */
  records: string[][];
  headerRow: number;
  header: string[];
}

function refusal(error: { code: string; params?: Record<string, string | number> }): Refusal {
  if (error.code === 'import.file.tooManyRows')
    return { ok: false, error: { code: error.code, params: { maxRows: MAX_TRIP_FILE_ROWS } } };
  return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
}

/** The file's first sheet and its header row, or the reason it cannot be read (type, size, encoding…). */
export function readAccountingTable(bytes: Uint8Array): { ok: true; value: AccountingTable } | Refusal {
  const read = readTabularFile(bytes, {
    maxBytes: MAX_TRIP_FILE_BYTES,
    maxRows: MAX_TRIP_FILE_ROWS + 1,
    // One more than allowed, so that an over-long cell is seen (the reader truncates) and its line rejected.
    maxCellChars: MAX_TRIP_FILE_CELL_CHARS + 1,
  });
  if (!read.ok) return refusal(read.error);
  const records = read.value.sheets[0]?.rows ?? [];
  const headerRow = findAccountingHeaderRow(records);
  const header = (records[headerRow] ?? []).map((cell) => cellText(cell));
  return {
    ok: true,
    value: {
      fromWorkbook: read.value.text === null,
      encoding: read.value.encoding,
      delimiter: read.value.delimiter,
      records,
      headerRow,
      header,
    },
  };
}

/** The headers of the file and the mapping proposed for them, for the mapping step. */
export function proposeAccountingFileMapping(
  bytes: Uint8Array,
): { ok: true; value: { header: string[]; mapping: AccountingMapping } } | Refusal {
  const table = readAccountingTable(bytes);
  if (!table.ok) return table;
  return { ok: true, value: { header: table.value.header, mapping: proposeAccountingMapping(table.value.header) } };
}

/** Reads the export with this mapping; a mapping that misses a required field refuses the file. */
export function readAccountingFile(
  bytes: Uint8Array,
  filename: string,
  mapping: AccountingMapping,
): TripFileReadResult {
  if (missingAccountingFields(mapping).length > 0)
    return { ok: false, error: { code: 'travel.import.accounting.mappingIncomplete' } };
  const table = readAccountingTable(bytes);
  if (!table.ok) return table;
  const located = locateMappedColumns(table.value.records, mapping);
  if (!located) {
    const names = ACCOUNTING_FIELDS.flatMap((f) => (mapping[f] ? [`"${quote(mapping[f] ?? '')}"`] : []));
    return {
      ok: false,
      error: { code: 'travel.import.accounting.headerNotFound', params: { columns: names.join(', ') } },
    };
  }
  const { headerRow, columns } = located;
  const numberMission = missionNumbering();
  const rows: TripFileRow[] = [];
  const records = table.value.records;
  for (let i = headerRow + 1; i < records.length; i++) {
    const record = records[i] ?? [];
    if (!isBlankRecord(record)) rows.push(readLine(record, i + 1, columns, numberMission, table.value.fromWorkbook));
  }
  if (rows.length === 0) return { ok: false, error: { code: 'travel.import.accounting.noRows' } };
  return { ok: true, filename: oneLine(cleanCell(filename).text), rows };
}

/** The reader of an accounting export with this mapping, for the import. */
export function accountingFileReader(mapping: AccountingMapping): TripFileReader {
  return (bytes, filename) => readAccountingFile(bytes, filename, mapping);
}

function readLine(
  record: readonly string[],
  line: number,
  columns: Partial<Record<AccountingField, number>>,
  numberMission: ReturnType<typeof missionNumbering>,
  fromWorkbook: boolean,
): TripFileRow {
  const tooLong = tooLongCells(record, Object.values(columns));
  if (tooLong.length > 0) return { line, status: 'rejected', messages: tooLong };
  const has = (field: AccountingField) => columns[field] !== undefined;
  const get = (field: AccountingField) => {
    const column = columns[field];
    return column === undefined ? '' : cellText(record[column]);
  };
  const messages: TripFileMessage[] = [];
  const say = (code: AccountingRowCode, params: Record<string, string | number> = {}) =>
    messages.push({ code, params });

  const category = get('category');
  const modeText = get('mode');
  const routeText = get('route');
  const textCells = [category, modeText, routeText, get('date'), get('fromPlace'), get('toPlace')];
  if (textCells.every((t) => t === '')) {
    return { line, status: 'skipped', messages: [{ code: 'travel.import.accounting.skippedEmpty', params: {} }] };
  }
  const kind = classifyExpense(category);
  if (kind.kind === 'notTrip') {
    const cents = parseAmountCents(get('amount'));
    const skipped: TripFileMessage =
      cents === undefined
        ? { code: 'travel.import.accounting.skippedNotTrip', params: { category: quote(category) } }
        : {
            code: 'travel.import.accounting.skippedNotTripAmount',
            params: { category: quote(category), amount: cents / 100 },
          };
    return { line, status: 'skipped', messages: [skipped] };
  }

  let mode: TravelMode | undefined;
  if (modeText !== '') {
    mode = modeOfWord(modeText);
    if (!mode) say('travel.import.accounting.modeUnknown', { value: quote(modeText) });
  } else if (kind.kind === 'trip') mode = kind.mode;
  else if (category !== '') say('travel.import.accounting.categoryUnknown', { category: quote(category) });
  else if (has('category')) say('travel.import.accounting.categoryMissing');
  else say('travel.import.accounting.modeMissing');

  const dateText = get('date');
  const date = dateText === '' ? undefined : parseTripDate(dateText, { fromWorkbook });
  if (dateText === '') say('travel.import.row.dateMissing');
  else if (!date) say('travel.import.formats.row.dateInvalid', { value: quote(dateText) });

  let fromCity = get('fromPlace');
  let toCity = get('toPlace');
  let routeRoundTrip = false;
  let routeInvalid = false;
  if ((fromCity === '' || toCity === '') && routeText !== '') {
    const route = splitRoute(routeText);
    if (route) {
      fromCity ||= route.from;
      toCity ||= route.to;
      routeRoundTrip = route.roundTrip;
    } else {
      routeInvalid = true;
      say('travel.import.accounting.routeInvalid', { value: quote(routeText) });
    }
  }
  if (fromCity === '' && !routeInvalid) say('travel.import.row.fromCityMissing');
  if (toCity === '' && !routeInvalid) say('travel.import.row.toCityMissing');

  let roundTrip: boolean | undefined = routeRoundTrip;
  const roundTripText = get('roundTrip');
  if (has('roundTrip')) {
    if (roundTripText === '') {
      if (!routeRoundTrip) say('travel.import.formats.row.roundTripDefaulted');
    } else {
      roundTrip = parseRoundTrip(roundTripText);
      if (roundTrip === undefined) say('travel.import.formats.row.roundTripInvalid', { value: quote(roundTripText) });
    }
  }

  let passengers: number | undefined = 1;
  const passengersText = get('passengers');
  if (passengersText !== '') {
    passengers = parsePassengers(passengersText);
    if (passengers === undefined)
      say('travel.import.row.passengersInvalid', { value: quote(passengersText), max: MAX_FILE_PASSENGERS });
  } else if (has('passengers') && mode && isCar(mode)) say('travel.import.row.passengersDefaulted');

  const missionRef = get('missionRef');
  if (has('missionRef') && missionRef === '') say('travel.import.formats.row.missionDefaulted');

  const rejected = messages.some((m) => !WARNING_CODES.has(m.code));
  if (rejected || !mode || !date || roundTrip === undefined || passengers === undefined)
    return { line, status: 'rejected', messages };
  return {
    line,
    status: messages.length > 0 ? 'warning' : 'valid',
    messages,
    leg: {
      ...numberMission(missionRef),
      date,
      fromCity,
      fromCountry: get('fromCountry'),
      toCity,
      toCountry: get('toCountry'),
      mode,
      passengers,
      roundTrip,
      purpose: get('purpose') || null,
      status: get('travellerStatus') || null,
    },
  };
}
