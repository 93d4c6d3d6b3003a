import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { classifyExpense } from './accounting-categories';
import {
  ACCOUNTING_FILE_CODES,
  ACCOUNTING_ROW_CODES,
  proposeAccountingFileMapping,
  readAccountingFile,
} from './accounting-file';
import { type AccountingMapping, accountingMappingSchema, proposeAccountingMapping } from './accounting-mapping';
import type { TripFileReadResult } from './trip-file';
import { splitRoute } from './trip-file-cells';

const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'notes-de-frais-1252.csv'));

/** Windows-1252: Latin-1 plus the euro sign (0x80) and the typographic apostrophe (0x92). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    Array.from(text, (c) => {
      if (c === '€') return 0x80;
      if (c === '’') return 0x92;
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${c}`);
      return code;
    }),
  );
}

function csv(rows: string[][], delimiter = ';'): Uint8Array {
  return windows1252(`${rows.map((r) => r.join(delimiter)).join('\r\n')}\r\n`);
}

function readOk(result: TripFileReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result;
}

const HEADER = ['Mission', 'Date', 'Type de dépense', 'Départ', 'Arrivée', 'Aller-retour', 'Montant'];
const MAPPING: AccountingMapping = {
  missionRef: 'Mission',
  date: 'Date',
  category: 'Type de dépense',
  fromPlace: 'Départ',
  toPlace: 'Arrivée',
  roundTrip: 'Aller-retour',
  amount: 'Montant',
};

describe('an accounting export in Windows-1252 with ";" and decimal commas', () => {
  test('the proposed mapping names every column of the fixture from its French header', () => {
    const proposed = proposeAccountingFileMapping(FIXTURE);
    if (!proposed.ok) throw new Error(proposed.error.code);
    // The title line above the header is not the header.
    expect(proposed.value.header[0]).toBe('N° OM');
    expect(proposed.value.mapping).toEqual({
      missionRef: 'N° OM',
      date: 'Date',
      category: 'Nature de la dépense',
      fromPlace: 'Ville de départ',
      toPlace: "Ville d'arrivée",
      fromCountry: 'Pays de départ',
      toCountry: 'Pays de destination',
      roundTrip: 'A/R',
      amount: 'Montant TTC (€)',
      purpose: 'Motif',
      travellerStatus: 'Statut',
    });
  });

  test('trips become legs, hotels, meals, registration fees and taxes are skipped with their amount', () => {
    const proposed = proposeAccountingFileMapping(FIXTURE);
    if (!proposed.ok) throw new Error(proposed.error.code);
    const read = readOk(readAccountingFile(FIXTURE, 'notes-de-frais.csv', proposed.value.mapping));
    expect(read.rows.map((r) => [r.line, r.status])).toEqual([
      [3, 'valid'],
      [4, 'skipped'],
      [5, 'skipped'],
      [6, 'skipped'],
      [7, 'valid'],
      [8, 'valid'],
      [9, 'valid'],
      [10, 'skipped'],
    ]);
    // "189,00" -> 189; "23,50" -> 23.5; "2,20 €" -> 2.2 (the euro sign is byte 0x80 in Windows-1252).
    expect(read.rows.filter((r) => r.status === 'skipped').map((r) => r.messages)).toEqual([
      [{ code: 'travel.import.accounting.skippedNotTripAmount', params: { category: 'Hôtel', amount: 189 } }],
      [{ code: 'travel.import.accounting.skippedNotTripAmount', params: { category: 'Repas', amount: 23.5 } }],
      [
        {
          code: 'travel.import.accounting.skippedNotTripAmount',
          params: { category: "Frais d'inscription", amount: 350 },
        },
      ],
      [{ code: 'travel.import.accounting.skippedNotTripAmount', params: { category: 'Taxe de séjour', amount: 2.2 } }],
    ]);
    const legs = read.rows.flatMap((r) => (r.leg ? [r.leg] : []));
    expect(legs).toEqual([
      {
        mission: 1,
        missionRef: 'OM-2026-017',
        date: '2026-09-14',
        fromCity: 'Alès',
        fromCountry: 'France',
        toCity: 'Paris',
        toCountry: 'France',
        mode: 'train_intercity',
        passengers: 1,
        roundTrip: true,
        purpose: 'Colloque',
        status: 'Doctorant',
      },
      {
        mission: 2,
        missionRef: 'OM-2026-018',
        date: '2026-10-03',
        fromCity: 'Montpellier',
        fromCountry: 'France',
        toCity: 'Brest',
        toCountry: 'France',
        mode: 'plane',
        passengers: 1,
        roundTrip: false,
        purpose: 'Jury de thèse',
        status: null,
      },
      expect.objectContaining({ mission: 2, date: '2026-10-05', mode: 'car_unknown', roundTrip: true }),
      expect.objectContaining({ mission: 3, missionRef: 'OM-2026-019', mode: 'car_unknown', roundTrip: true }),
    ]);
  });

  test('a comma-separated UTF-8 export with a BOM reads the same', () => {
    const text = `\uFEFF${[HEADER, ['A1', '12/03/2026', 'Billet de train', 'Alès', 'Paris', 'NON', '"1 234,56"']]
      .map((r) => r.join(','))
      .join('\n')}\n`;
    const read = readOk(readAccountingFile(new TextEncoder().encode(text), 'export.csv', MAPPING));
    expect(read.rows).toEqual([expect.objectContaining({ line: 2, status: 'valid' })]);
  });

  test('an XLSX export is read from its first sheet', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([HEADER, ['A1', '2026-03-12', 'SNCF', 'Alès', 'Paris', 'OUI', '45,10']]),
      'Export',
    );
    const bytes: Uint8Array = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' });
    const read = readOk(readAccountingFile(bytes, 'export.xlsx', MAPPING));
    expect(read.rows[0]?.leg).toMatchObject({ date: '2026-03-12', roundTrip: true, fromCity: 'Alès' });
  });

  test('a date cell of a workbook in the default short-date format is 12 March, not 3 December', () => {
    const wb = XLSX.utils.book_new();
    const date = new Date(Date.UTC(2026, 2, 12));
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([HEADER, ['A1', date, 'SNCF', 'Alès', 'Paris', 'OUI', '']]),
      'Export',
    );
    const bytes: Uint8Array = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' });
    // SheetJS shows the cell as "3/12/26" (Excel number format 14, month first).
    expect(readOk(readAccountingFile(bytes, 'export.xlsx', MAPPING)).rows[0]?.leg?.date).toBe('2026-03-12');
  });
});

describe('dirty lines', () => {
  const rowsOf = (...rows: string[][]) => readOk(readAccountingFile(csv([HEADER, ...rows]), 'x.csv', MAPPING)).rows;

  test('an unknown category is rejected with its label, not skipped', () => {
    const [row] = rowsOf(['A', '12/03/2026', 'Divers', 'Alès', 'Paris', 'NON', '10']);
    expect(row).toEqual({
      line: 2,
      status: 'rejected',
      messages: [{ code: 'travel.import.accounting.categoryUnknown', params: { category: 'Divers' } }],
    });
  });

  test('a trip line without places or with an impossible date is rejected with each reason', () => {
    const [noPlaces, badDate, twoDigits] = rowsOf(
      ['A', '12/03/2026', 'Billet de train', '', '', 'NON', ''],
      ['B', '31/02/2026', 'Billet de train', 'Alès', 'Paris', 'NON', ''],
      ['C', '12/03/26', 'Billet de train', 'Alès', 'Paris', 'NON', ''],
    );
    expect(noPlaces?.status).toBe('rejected');
    expect(noPlaces?.messages.map((m) => m.code)).toEqual([
      'travel.import.row.fromCityMissing',
      'travel.import.row.toCityMissing',
    ]);
    expect(badDate?.messages).toEqual([
      { code: 'travel.import.formats.row.dateInvalid', params: { value: '31/02/2026' } },
    ]);
    expect(twoDigits?.leg?.date).toBe('2026-03-12');
  });

  test('round-trip words in French and English, and an unreadable one rejected', () => {
    const words = ['OUI', 'non', 'O', 'N', 'AR', 'A/R', 'aller-retour', 'Aller simple', 'yes', 'peut-être', ''];
    const rows = rowsOf(...words.map((w, i) => [`M${i}`, '12/03/2026', 'Billet de train', 'Alès', 'Paris', w, '']));
    expect(rows.map((r) => r.leg?.roundTrip ?? r.status)).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      false,
      true,
      'rejected',
      false,
    ]);
    // An empty cell in a mapped column is one way, with a warning.
    expect(rows[10]).toMatchObject({
      status: 'warning',
      messages: [{ code: 'travel.import.formats.row.roundTripDefaulted' }],
    });
  });

  test('mission references that are not numbers are numbered in order of first appearance', () => {
    const rows = rowsOf(
      ['OM-B', '12/03/2026', 'Billet de train', 'Alès', 'Paris', 'NON', ''],
      ['OM-A', '13/03/2026', 'Billet de train', 'Paris', 'Lyon', 'NON', ''],
      ['OM-B', '14/03/2026', 'Hôtel', 'Paris', '', '', ''],
      ['OM-B', '15/03/2026', 'Billet de train', 'Paris', 'Alès', 'NON', ''],
    );
    expect(rows.map((r) => r.leg && [r.leg.mission, r.leg.missionRef])).toEqual([
      [1, 'OM-B'],
      [2, 'OM-A'],
      undefined,
      [1, 'OM-B'],
    ]);
  });

  test('a mode column wins over the category, but a hotel stays skipped whatever its mode cell', () => {
    const header = [...HEADER, 'Mode'];
    const mapping = { ...MAPPING, mode: 'Mode' };
    const read = readOk(
      readAccountingFile(
        csv([
          header,
          ['A', '12/03/2026', 'Billet', 'Alès', 'Paris', 'NON', '', 'avion'],
          ['A', '12/03/2026', 'Hôtel', 'Paris', 'Paris', 'NON', '', 'train'],
          ['A', '12/03/2026', 'Billet', 'Alès', 'Paris', 'NON', '', 'fusée'],
        ]),
        'x.csv',
        mapping,
      ),
    );
    expect(read.rows.map((r) => r.leg?.mode ?? r.status)).toEqual(['plane', 'skipped', 'rejected']);
    expect(read.rows[2]?.messages[0]?.code).toBe('travel.import.accounting.modeUnknown');
  });

  test('a route column gives both places; "A - B - A" and "A <-> B" are round trips', () => {
    const header = ['Date', 'Nature', 'Trajet'];
    const mapping = { date: 'Date', category: 'Nature', route: 'Trajet' };
    const read = readOk(
      readAccountingFile(
        csv([
          header,
          ['12/03/2026', 'TGV', 'Paris - Lyon'],
          ['12/03/2026', 'TER', 'Nîmes - Montpellier - Nîmes'],
          ['12/03/2026', 'Taxi', 'Alès <-> Nîmes'],
          ['12/03/2026', 'Taxi', 'Alès'],
        ]),
        'x.csv',
        mapping,
      ),
    );
    expect(read.rows.map((r) => r.leg && [r.leg.fromCity, r.leg.toCity, r.leg.mode, r.leg.roundTrip])).toEqual([
      ['Paris', 'Lyon', 'train_high_speed', false],
      ['Nîmes', 'Montpellier', 'train_regional', true],
      ['Alès', 'Nîmes', 'taxi', true],
      undefined,
    ]);
    expect(read.rows[3]?.messages).toEqual([
      { code: 'travel.import.accounting.routeInvalid', params: { value: 'Alès' } },
    ]);
  });

  test('a total line with only an amount is skipped and counted; an over-long cell rejects its line', () => {
    const rows = rowsOf(
      ['', '', '', '', '', '', '1 500,00'],
      ['A', '12/03/2026', 'Billet de train', 'x'.repeat(201), 'Paris', 'NON', ''],
    );
    expect(rows[0]).toMatchObject({ status: 'skipped', messages: [{ code: 'travel.import.accounting.skippedEmpty' }] });
    expect(rows[1]).toMatchObject({
      status: 'rejected',
      messages: [{ code: 'travel.import.row.cellTooLong', params: { column: 4 } }],
    });
  });
});

describe('refused files', () => {
  test('a mapping without a date, places or a category refuses the file', () => {
    const result = readAccountingFile(csv([HEADER]), 'x.csv', { category: 'Type de dépense' });
    expect(result).toEqual({ ok: false, error: { code: 'travel.import.accounting.mappingIncomplete' } });
  });

  test('a mapping whose headers are not in the file names them', () => {
    const result = readAccountingFile(csv([HEADER, ['A']]), 'x.csv', { ...MAPPING, date: 'Date de la pièce' });
    expect(result).toMatchObject({ ok: false, error: { code: 'travel.import.accounting.headerNotFound' } });
    if (!result.ok) expect(result.error.params?.columns).toContain('"Date de la pièce"');
  });

  test('an executable renamed .csv, a zip bomb and a huge file are refused before any row is read', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    expect(readAccountingFile(exe, 'export.csv', MAPPING)).toEqual({
      ok: false,
      error: { code: 'import.file.unsupportedType', params: { detected: 'binary' } },
    });
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]);
    expect(readAccountingFile(elf, 'export.csv', MAPPING)).toMatchObject({
      ok: false,
      error: { params: { detected: 'ELF' } },
    });
    expect(readAccountingFile(zipBomb(), 'export.csv', MAPPING)).toMatchObject({
      ok: false,
      error: { code: 'import.file.tooLargeUncompressed' },
    });
    const huge = new Uint8Array(64 * 1024 * 1024 + 1).fill(0x61);
    expect(readAccountingFile(huge, 'export.csv', MAPPING)).toMatchObject({
      ok: false,
      error: { code: 'import.file.tooLarge' },
    });
  });

  test('a header and nothing under it is refused', () => {
    expect(readAccountingFile(csv([HEADER]), 'x.csv', MAPPING)).toEqual({
      ok: false,
      error: { code: 'travel.import.accounting.noRows' },
    });
  });
});

describe('mapping and categories', () => {
  test('English headers are proposed too, and a column serves one field only', () => {
    expect(
      proposeAccountingMapping(['Expense date', 'Expense type', 'From', 'To', 'Country', 'Round trip', 'Amount (EUR)']),
    ).toEqual({
      date: 'Expense date',
      category: 'Expense type',
      fromPlace: 'From',
      toPlace: 'To',
      toCountry: 'Country',
      roundTrip: 'Round trip',
      amount: 'Amount (EUR)',
    });
  });

  test('the mapping schema refuses unknown fields and empty headers', () => {
    expect(accountingMappingSchema.safeParse({ date: 'Date' }).success).toBe(true);
    expect(accountingMappingSchema.safeParse({ colour: 'Date' }).success).toBe(false);
    expect(accountingMappingSchema.safeParse({ date: '  ' }).success).toBe(false);
  });

  test.each([
    ['Billet de train', 'train_intercity'],
    ['SNCF', 'train_intercity'],
    ['Train de nuit', 'train_intercity'],
    ['Billet d’avion', 'plane'],
    ['Air France', 'plane'],
    ['Billet avion taxes incluses', 'plane'],
    ['Location de véhicule', 'car_unknown'],
    ['Indemnités kilométriques', 'car_unknown'],
    ['Taxi', 'taxi'],
    ['Bus', 'bus'],
    ['Ferry', 'ferry'],
  ])('"%s" is a trip by %s', (label, mode) => {
    expect(classifyExpense(label)).toEqual({ kind: 'trip', mode });
  });

  test.each([
    'Hôtel',
    'Nuitée',
    'Repas',
    'Restauration',
    "Frais d'inscription",
    'Per diem',
    'TVA',
    'Taxe de séjour',
    "Frais d'agence billet avion",
    'Parking',
  ])('"%s" is not a trip', (label) => {
    expect(classifyExpense(label)).toEqual({ kind: 'notTrip' });
  });

  test('"Terrain" is not a TER and "Car" alone is not guessed', () => {
    expect(classifyExpense('Terrain')).toEqual({ kind: 'unknown' });
    expect(classifyExpense('Car')).toEqual({ kind: 'unknown' });
  });

  test('routes split on spaced dashes, arrows and slashes', () => {
    expect(splitRoute('Aix-en-Provence - Paris')).toEqual({ from: 'Aix-en-Provence', to: 'Paris', roundTrip: false });
    expect(splitRoute('Paris-Lyon')).toEqual({ from: 'Paris', to: 'Lyon', roundTrip: false });
    expect(splitRoute('Paris → Berlin')).toEqual({ from: 'Paris', to: 'Berlin', roundTrip: false });
    expect(splitRoute('Aix-en-Provence')).toBeUndefined();
  });

  test('every code a read can produce has a message in both languages', () => {
    for (const code of [...ACCOUNTING_FILE_CODES, ...ACCOUNTING_ROW_CODES]) {
      expect(catalogues.fr[code], code).toBeTruthy();
      expect(catalogues.en[code], code).toBeTruthy();
    }
  });
});

/** A workbook-looking ZIP whose central directory declares 200 MiB uncompressed. */
function zipBomb(): Uint8Array {
  const entries = ['[Content_Types].xml', 'xl/worksheets/sheet1.xml'];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entryName of entries) {
    const name = Buffer.from(entryName);
    const data = Buffer.from('<x/>');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(200 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
