import { describe, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import {
  GES1POINT5_FILE_CODES,
  GES1POINT5_ROW_CODES,
  type Ges1point5Leg,
  type Ges1point5ReadResult,
  readGes1point5File,
  writeGes1point5File,
} from './ges1point5-file';
import { GES1POINT5_HEADER } from './ges1point5-format';

const HEADER = GES1POINT5_HEADER.join('\t');
const EXAMPLE_ROW = '1\t24/01/2019\tGrenoble\tFrance\tLyon Saint-Exupéry\tFrance\tbus\t\tOUI\tColloque-congrès\tITA';

const utf8 = (text: string) => new TextEncoder().encode(text);
const tsv = (...rows: string[]) => utf8(`${[HEADER, ...rows].join('\n')}\n`);

/** Windows-1252 for the Latin-1 range, which is all these tests use. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    Array.from(text, (c) => {
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not Latin-1: ${c}`);
      return code;
    }),
  );
}

function readOk(result: Ges1point5ReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result;
}

function aLeg(overrides: Partial<Ges1point5Leg> = {}): Ges1point5Leg {
  return {
    mission: 1,
    date: '2019-01-24',
    fromCity: 'Grenoble',
    fromCountry: 'France',
    toCity: 'Lyon Saint-Exupéry',
    toCountry: 'France',
    mode: 'bus',
    passengers: 1,
    roundTrip: true,
    purpose: 'Colloque-congrès',
    status: 'ITA',
    ...overrides,
  };
}

describe('reading a GES 1point5 travel file', () => {
  test('the example row of the Go exporter reads as one valid leg', () => {
    const read = readOk(readGes1point5File(tsv(EXAMPLE_ROW), 'missions.tsv'));
    expect(read.rows).toEqual([{ line: 2, status: 'valid', messages: [], leg: aLeg() }]);
    expect(read.counts).toEqual({ valid: 1, warning: 0, rejected: 0, missions: 1 });
    expect(read.encoding).toBe('utf-8');
    expect(read.filename).toBe('missions.tsv');
  });

  test('a Windows-1252 file keeps its accents', () => {
    const bytes = windows1252(
      `${HEADER}\n2\t03/02/2020\tSaint-Étienne\tFrance\tGenève\tSuisse\tmétro\t\tnon\tSéminaire\t\n`,
    );
    const read = readOk(readGes1point5File(bytes, 'missions.txt'));
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows[0]?.leg).toMatchObject({
      fromCity: 'Saint-Étienne',
      toCity: 'Genève',
      toCountry: 'Suisse',
      mode: 'metro',
      roundTrip: false,
      purpose: 'Séminaire',
      status: null,
    });
  });

  test('a UTF-8 file with a byte-order mark is read', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...tsv(EXAMPLE_ROW)]);
    const read = readOk(readGes1point5File(bytes, 'bom.tsv'));
    expect(read.encoding).toBe('utf-8-bom');
    expect(read.rows[0]?.leg).toEqual(aLeg());
  });

  test('dirty rows are rejected with their line and a reason in both languages', () => {
    const read = readOk(
      readGes1point5File(
        tsv(
          '1\t31/02/2019\tGrenoble\tFrance\tLyon\tFrance\tbus\t\tOUI\t\t',
          '2\t24/01/2019\tGrenoble\tFrance\tLyon\tFrance\ttrottinette\t\tOUI\t\t',
          '3\t24/01/2019\tGrenoble\tFrance\tLyon\tFrance\tbus\t\t\t\t',
          '4\t24/01/2019\tGrenoble\tFrance\tLyon\tFrance\tvoiture\tdeux\tOUI\t\t',
          '5\t24/01/2019\t\tFrance\tLyon\tFrance\ttrain\t\tNON\t\t',
          'un\t24/01/2019\tGrenoble\tFrance\tLyon\tFrance\tbus\t\tpeut-être\t\t',
        ),
        'dirty.tsv',
      ),
    );
    const reasons = read.rows.map((r) => [r.line, r.status, r.messages.map((m) => m.code)]);
    expect(reasons).toEqual([
      [2, 'rejected', ['travel.import.row.dateInvalid']],
      [3, 'rejected', ['travel.import.row.modeUnknown']],
      [4, 'rejected', ['travel.import.row.roundTripMissing']],
      [5, 'rejected', ['travel.import.row.passengersInvalid']],
      [6, 'rejected', ['travel.import.row.fromCityMissing']],
      [7, 'rejected', ['travel.import.row.missionInvalid', 'travel.import.row.roundTripInvalid']],
    ]);
    expect(read.rows.every((r) => r.leg === undefined)).toBe(true);
    expect(read.rows[0]?.messages[0]?.params).toEqual({ value: '31/02/2019' });
    expect(read.counts).toEqual({ valid: 0, warning: 0, rejected: 6, missions: 0 });
  });

  test('a car without a number of people counts 1 person, with a warning', () => {
    const read = readOk(
      readGes1point5File(tsv('7\t01/03/2021\tAlès\tFrance\tNîmes\tFrance\tvoiture\t\tOUI\t\t'), 'c.tsv'),
    );
    expect(read.rows[0]).toMatchObject({
      status: 'warning',
      messages: [{ code: 'travel.import.row.passengersDefaulted', params: {} }],
      leg: { mode: 'car_unknown', passengers: 1 },
    });
  });

  test('a taxi or a train without a number of people is valid', () => {
    const read = readOk(
      readGes1point5File(
        tsv(
          '8\t01/03/2021\tParis\tFrance\tOrly\tFrance\ttaxi\t\tNON\t\t',
          '8\t01/03/2021\tParis\tFrance\tMarseille\tFrance\tTrain\t\tNON\t\t',
        ),
        't.tsv',
      ),
    );
    expect(read.rows.map((r) => [r.status, r.leg?.mode, r.leg?.passengers])).toEqual([
      ['valid', 'taxi', 1],
      ['valid', 'train_intercity', 1],
    ]);
  });

  test('English aliases and unaccented words are accepted', () => {
    const modes = ['plane', 'car', 'subway', 'metro', 'tram', 'tramway', 'AVION', 'rer', 'ferry'];
    const rows = modes.map((m) => `1\t01/01/2020\tA\tFrance\tB\tFrance\t${m}\t2\tOUI\t\t`);
    const read = readOk(readGes1point5File(tsv(...rows), 'a.tsv'));
    expect(read.rows.map((r) => r.leg?.mode)).toEqual([
      'plane',
      'car_unknown',
      'metro',
      'metro',
      'tram',
      'tram',
      'plane',
      'rer',
      'ferry',
    ]);
  });

  test('the "Aller / Retour" header and other case and accents are accepted', () => {
    const header = [
      '#Mission',
      'DATE DE DEPART',
      'Ville de départ',
      'Pays de départ',
      'Ville de destination',
      'Pays de destination',
      'Mode de déplacement',
      'Nb de personnes dans la voiture',
      'Aller / Retour (OUI si identiques, NON si différents)',
      'Motif du déplacement',
      "Statut de l'agent",
    ].join('\t');
    const read = readOk(readGes1point5File(utf8(`${header}\n${EXAMPLE_ROW}\n`), 'v2.tsv'));
    expect(read.rows[0]?.leg).toEqual(aLeg());
  });

  test('a file with another header is not a GES 1point5 travel file', () => {
    const plan = utf8('Chantier;Objectif;Action;Pilote\n1;Réduire;Isoler;Alice\n');
    expect(readGes1point5File(plan, 'plan.csv')).toEqual({
      ok: false,
      error: { code: 'travel.import.notGes1point5File' },
    });
    const noHash = utf8(`${HEADER.replace('# mission', 'mission')}\n${EXAMPLE_ROW}\n`);
    expect(readGes1point5File(noHash, 'x.tsv')).toMatchObject({ ok: false });
  });

  test('the right header separated by semicolons is refused as not tab-separated', () => {
    const text = `${GES1POINT5_HEADER.join(';')}\n${EXAMPLE_ROW.replaceAll('\t', ';')}\n`;
    expect(readGes1point5File(utf8(text), 'x.csv')).toEqual({
      ok: false,
      error: { code: 'travel.import.notTabSeparated' },
    });
  });

  test('hostile content: formulas stay text, long cells and NUL bytes are refused', () => {
    const long = 'x'.repeat(201);
    const read = readOk(
      readGes1point5File(
        tsv(
          '1\t24/01/2019\t=HYPERLINK("http://evil")\tFrance\t@SUM(A1)\tFrance\tbus\t\tOUI\t\t',
          `2\t24/01/2019\t${long}\tFrance\tLyon\tFrance\tbus\t\tOUI\t\t`,
        ),
        'h.tsv',
      ),
    );
    expect(read.rows[0]?.leg).toMatchObject({ fromCity: '=HYPERLINK("http://evil")', toCity: '@SUM(A1)' });
    expect(read.rows[1]).toMatchObject({
      line: 3,
      status: 'rejected',
      messages: [{ code: 'travel.import.row.cellTooLong', params: { column: 3, maxChars: 200 } }],
    });
    const withNul = new Uint8Array([...tsv(EXAMPLE_ROW), 0]);
    expect(readGes1point5File(withNul, 'n.tsv')).toMatchObject({
      ok: false,
      error: { code: 'import.file.unsupportedType' },
    });
  });

  test('a header alone has no leg to import', () => {
    expect(readGes1point5File(tsv(), 'empty.tsv')).toEqual({ ok: false, error: { code: 'travel.import.noLegs' } });
  });

  test('two legs with the same mission number stay one mission', () => {
    const read = readOk(
      readGes1point5File(
        tsv(
          '4\t10/06/2022\tMontpellier\tFrance\tParis\tFrance\ttrain\t\tNON\t\t',
          '',
          '4\t12/06/2022\tParis\tFrance\tMontpellier\tFrance\ttrain\t\tNON\t\t',
        ),
        'm.tsv',
      ),
    );
    expect(read.rows.map((r) => [r.line, r.leg?.mission])).toEqual([
      [2, 4],
      [4, 4],
    ]);
    expect(read.counts).toEqual({ valid: 2, warning: 0, rejected: 0, missions: 1 });
  });

  test('every code a read can produce is a message in French and English', () => {
    for (const code of [...GES1POINT5_FILE_CODES, ...GES1POINT5_ROW_CODES]) {
      expect(catalogues.fr, code).toHaveProperty([code]);
      expect(catalogues.en, code).toHaveProperty([code]);
    }
  });
});

describe('writing a GES 1point5 travel file', () => {
  test('the exact header, dd/mm/yyyy dates, OUI/NON and French modes, UTF-8 without BOM, \\n line ends', () => {
    const { bytes, omitted } = writeGes1point5File([
      aLeg(),
      aLeg({ mission: 2, mode: 'car_unknown', passengers: 3, roundTrip: false, purpose: null, status: null }),
    ]);
    expect(omitted).toEqual([]);
    expect(Array.from(bytes.slice(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe(
      [
        "# mission\tDate de départ\tVille de départ\tPays de départ\tVille de destination\tPays de destination\tMode de déplacement\tNb de personnes dans la voiture\tAller Retour (OUI si identiques, NON si différents)\tMotif du déplacement (optionnel)\tStatut de l'agent (optionnel)",
        EXAMPLE_ROW,
        '2\t24/01/2019\tGrenoble\tFrance\tLyon Saint-Exupéry\tFrance\tvoiture\t3\tNON\t\t',
        '',
      ].join('\n'),
    );
  });

  test('text cells a spreadsheet could run are neutralised', () => {
    const text = new TextDecoder().decode(writeGes1point5File([aLeg({ fromCity: '=1+1', purpose: '-2' })]).bytes);
    expect(text.split('\n')[1]?.split('\t')).toMatchObject({ 2: "'=1+1", 9: "'-2" });
  });

  test('bike and walking legs, which GES 1point5 cannot hold, are left out and listed', () => {
    const { bytes, omitted } = writeGes1point5File([aLeg({ mode: 'walk' }), aLeg(), aLeg({ mode: 'bike' })]);
    expect(omitted).toEqual([0, 2]);
    expect(new TextDecoder().decode(bytes).trimEnd().split('\n')).toHaveLength(2);
  });

  test('write then read gives the same legs', () => {
    const legs = [
      aLeg(),
      aLeg({ mission: 2, fromCity: '=Foo', toCity: '+33 Bar', fromCountry: '@Pays', purpose: '-20 %', status: null }),
      aLeg({
        mission: 2,
        date: '2024-02-29',
        mode: 'car_unknown',
        passengers: 2,
        roundTrip: false,
        toCity: '"Quoted" town',
      }),
      aLeg({ mission: 3, mode: 'plane', toCity: 'New York', toCountry: 'États-Unis', purpose: null }),
      aLeg({ mission: 3, mode: 'train_intercity' }),
      aLeg({ mission: 4, mode: 'taxi', passengers: 1 }),
      aLeg({ mission: 5, mode: 'metro' }),
      aLeg({ mission: 6, mode: 'tram' }),
      aLeg({ mission: 7, mode: 'rer' }),
      aLeg({ mission: 8, mode: 'ferry', passengers: 4 }),
    ];
    const read = readOk(readGes1point5File(writeGes1point5File(legs).bytes, 'round-trip.tsv'));
    expect(read.rows.map((r) => r.leg)).toEqual(legs);
    expect(read.counts).toEqual({ valid: 10, warning: 0, rejected: 0, missions: 8 });
  });
});
