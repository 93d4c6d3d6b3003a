import { describe, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { IATA_FILE_CODES, IATA_ROW_CODES, readIataFile } from './iata-file';
import { cabinClassOfWord } from './iata-words';
import type { TripFileReadResult } from './trip-file';

const KNOWN = new Set(['CDG', 'ORY', 'FCO', 'JFK', 'MPL', 'NCE', 'TLS']);
const isKnownAirport = (code: string) => KNOWN.has(code);

function file(rows: string[][], delimiter = ','): Uint8Array {
  return new TextEncoder().encode(`${rows.map((r) => r.join(delimiter)).join('\n')}\n`);
}

function readOk(result: TripFileReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result;
}

const HEADER = ['Date', 'From', 'To', 'Round trip', 'Cabin class', 'Travellers', 'Mission', 'Purpose', 'Status'];

describe('a file of flights by IATA code', () => {
  test('each row is one plane leg between two airport codes, with its cabin class', () => {
    const read = readOk(
      readIataFile(
        file([
          HEADER,
          ['2026-03-12', 'CDG', 'JFK', 'yes', 'Business', '1', 'M-7', 'Conference', 'Doctorant'],
          ['13/03/2026', 'fco', 'ory', 'no', 'économique', '', 'M-8', '', ''],
          ['14/03/26', 'MPL', 'NCE', 'A/R', '', '', 'M-7', '', ''],
        ]),
        'vols.csv',
        { isKnownAirport },
      ),
    );
    expect(read.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'valid'],
      [3, 'valid'],
      [4, 'valid'],
    ]);
    expect(read.rows[0]?.leg).toEqual({
      mission: 1,
      missionRef: 'M-7',
      date: '2026-03-12',
      fromCity: 'CDG',
      fromCountry: '',
      toCity: 'JFK',
      toCountry: '',
      mode: 'plane',
      passengers: 1,
      roundTrip: true,
      purpose: 'Conference',
      status: 'Doctorant',
      cabinClass: 'business',
    });
    // Lower-case codes are upper-cased; "M-7" again is mission 1.
    expect(read.rows[1]?.leg).toMatchObject({ mission: 2, fromCity: 'FCO', toCity: 'ORY', cabinClass: 'economy' });
    expect(read.rows[2]?.leg).toMatchObject({ mission: 1, roundTrip: true, date: '2026-03-14' });
    expect(read.rows[2]?.leg).not.toHaveProperty('cabinClass');
  });

  test('French headers, ";" and Windows-1252 are read too', () => {
    const text = 'Date du vol;Départ;Arrivée;Classe\n12/03/2026;TLS;CDG;Première\n';
    const bytes = Uint8Array.from(Array.from(text, (c) => c.charCodeAt(0)));
    const read = readOk(readIataFile(bytes, 'vols.csv', { isKnownAirport }));
    expect(read.rows[0]?.leg).toMatchObject({ fromCity: 'TLS', toCity: 'CDG', cabinClass: 'first', roundTrip: false });
  });

  test('an unknown code, a code that is not three letters, a bad cabin and a bad date are rejected with their reason', () => {
    const read = readOk(
      readIataFile(
        file([
          HEADER,
          ['2026-03-12', 'ZZZ', 'JFK', 'no', '', '', 'M', '', ''],
          ['2026-03-12', 'Paris', 'C1G', 'no', '', '', 'M', '', ''],
          ['2026-03-12', 'CDG', 'JFK', 'no', 'soute', '', 'M', '', ''],
          ['2026-02-30', 'CDG', '', 'no', '', '', 'M', '', ''],
        ]),
        'vols.csv',
        { isKnownAirport },
      ),
    );
    expect(read.rows.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(read.rows.map((r) => r.messages)).toEqual([
      [{ code: 'travel.import.iata.codeUnknown', params: { value: 'ZZZ' } }],
      [
        { code: 'travel.import.iata.codeInvalid', params: { value: 'Paris' } },
        { code: 'travel.import.iata.codeInvalid', params: { value: 'C1G' } },
      ],
      [{ code: 'travel.import.iata.cabinUnknown', params: { value: 'soute' } }],
      [
        { code: 'travel.import.formats.row.dateInvalid', params: { value: '2026-02-30' } },
        { code: 'travel.import.iata.toMissing', params: {} },
      ],
    ]);
  });

  test('a row standing for several travellers is rejected, asking for one row per traveller', () => {
    const read = readOk(
      readIataFile(
        file([
          HEADER,
          ['2026-03-12', 'CDG', 'JFK', 'no', '', '3', 'M1', '', ''],
          ['2026-03-12', 'CDG', 'JFK', 'no', '', '0', 'M2', '', ''],
        ]),
        'v.csv',
      ),
    );
    expect(read.rows.map((r) => r.messages)).toEqual([
      [{ code: 'travel.import.iata.travellersSplit', params: { count: 3 } }],
      [{ code: 'travel.import.iata.travellersInvalid', params: { value: '0' } }],
    ]);
  });

  test('missing required columns refuse the file and name them', () => {
    expect(
      readIataFile(
        file([
          ['Date', 'Origin', 'Class'],
          ['2026-03-12', 'CDG', 'eco'],
        ]),
        'v.csv',
      ),
    ).toEqual({
      ok: false,
      error: { code: 'travel.import.iata.missingColumns', params: { missing: 'to' } },
    });
    expect(
      readIataFile(
        file([
          ['a', 'b'],
          ['1', '2'],
        ]),
        'v.csv',
      ),
    ).toMatchObject({
      ok: false,
      error: { params: { missing: 'date, from, to' } },
    });
  });

  test('without an airport list any three letters pass (the resolver judges them later)', () => {
    const read = readOk(
      readIataFile(
        file([
          ['date', 'from', 'to'],
          ['2026-03-12', 'ZZZ', 'CDG'],
        ]),
        'v.csv',
      ),
    );
    expect(read.rows[0]).toMatchObject({ status: 'valid', leg: { fromCity: 'ZZZ', roundTrip: false } });
  });

  test('a binary file and a header alone are refused', () => {
    expect(readIataFile(new Uint8Array([0x4d, 0x5a, 0x00, 0x00]), 'v.csv')).toMatchObject({
      ok: false,
      error: { code: 'import.file.unsupportedType' },
    });
    expect(readIataFile(file([['date', 'from', 'to']]), 'v.csv')).toEqual({
      ok: false,
      error: { code: 'travel.import.iata.noRows' },
    });
  });

  test.each([
    ['Economy', 'economy'],
    ['Classe économique', 'economy'],
    ['Premium economy', 'premium_economy'],
    ['Affaires', 'business'],
    ['first', 'first'],
    ['Première classe', 'first'],
  ])('cabin "%s" is %s', (word, cabin) => {
    expect(cabinClassOfWord(word)).toBe(cabin);
  });

  test('every code a read can produce has a message in both languages', () => {
    for (const code of [...IATA_FILE_CODES, ...IATA_ROW_CODES]) {
      expect(catalogues.fr[code], code).toBeTruthy();
      expect(catalogues.en[code], code).toBeTruthy();
    }
  });
});
