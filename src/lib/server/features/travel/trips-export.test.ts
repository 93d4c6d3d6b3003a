import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import type { DB } from '../../db/schema';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { readGes1point5File } from './ges1point5-file';
import { GES1POINT5_TRAIN_MODE } from './ges1point5-format';
import type { DeclareTripInput } from './trips';
import { declareTrip } from './trips.service';
import { exportInstitutionTrips, exportTrips } from './trips-export';

const NOW = new Date('2026-11-26T10:00:00Z');

function aTrip(overrides: Partial<DeclareTripInput> = {}): DeclareTripInput {
  return {
    from: 'Alès',
    to: 'CDG',
    mode: 'plane',
    roundTrip: true,
    passengers: 1,
    method: 'ges1point5',
    contrails: true,
    date: '2026-03-12',
    purpose: 'Colloque',
    category: 'staff',
    justification: 'Correspondance vers un vol international',
    ...overrides,
  };
}

async function declare(db: Kysely<DB>, user: SessionUser, input: DeclareTripInput): Promise<string> {
  const declared = await declareTrip(db, user, input);
  if (!declared.ok) throw new Error(declared.error.code);
  return declared.value.tripId;
}

function csvRows(bytes: Uint8Array): string[][] {
  return parse(new TextDecoder().decode(bytes), { delimiter: ';', bom: true, relax_column_count: true });
}

function xlsxRows(bytes: Uint8Array): string[][] {
  const workbook = XLSX.read(bytes, { type: 'array' });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '', raw: false });
}

describeEachDialect('exporting stored trips', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let flightId = '';
  let adminTripId = '';
  let flightGrams = 0;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    flightId = await declare(db, pilot, aTrip({ purpose: '=HYPERLINK("http://x")' }));
    await declare(db, pilot, aTrip({ to: 'Nîmes', mode: 'bike', roundTrip: false, date: '2026-04-02' }));
    adminTripId = await declare(
      db,
      admin,
      aTrip({ from: 'Paris', to: 'Lyon', mode: 'train_high_speed', roundTrip: false, date: '2026-01-05' }),
    );
    const leg = await db
      .selectFrom('trip_leg')
      .select('emissions_g')
      .where('trip_id', '=', flightId)
      .executeTakeFirstOrThrow();
    flightGrams = leg.emissions_g;
  });

  test('the CSV has the headings in the reader’s language and the stored grams, text neutralised', async () => {
    const file = await exportTrips(get().db, pilot, 'csv', { locale: 'fr', now: NOW });
    expect(file.filename).toBe('deplacements-2026-11-26.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csvRows(file.bytes);
    expect(header).toContain('Émissions (g CO2e)');
    expect(header).toContain('Voyageur (pseudonyme)');
    expect(rows).toHaveLength(2);
    const flight = rows.find((r) => r[header.indexOf('Identifiant du déplacement')] === flightId);
    if (!flight) throw new Error('flight row missing');
    const cell = (heading: string) => flight[header.indexOf(heading)];
    expect(cell('Émissions (g CO2e)')).toBe(String(flightGrams));
    expect(cell('Émissions (kg CO2e)')).toBe(String(flightGrams / 1000).replace('.', ','));
    expect(cell('Motif')).toBe('\'=HYPERLINK("http://x")');
    expect(cell('Aller-retour')).toBe('oui');
    expect(cell('Mode de transport')).toBe('Avion');
    expect(cell('Méthode')).toBe('ges1point5');
    expect(cell('Voyageur (pseudonyme)')).toMatch(/^[0-9a-f]{64}$/);
    expect(flight.join(' ')).not.toContain(pilot.displayName);

    const english = csvRows((await exportTrips(get().db, pilot, 'csv', { locale: 'en', now: NOW })).bytes);
    expect(english[0]).toContain('Emissions (g CO2e)');
  });

  test('the XLSX opens and holds the same rows as the CSV', async () => {
    const { db } = get();
    const csv = csvRows((await exportTrips(db, admin, 'csv', { locale: 'fr', now: NOW })).bytes);
    const xlsx = await exportTrips(db, admin, 'xlsx', { locale: 'fr', now: NOW });
    expect(xlsx.filename).toBe('deplacements-2026-11-26.xlsx');
    expect(xlsxRows(xlsx.bytes)).toEqual(csv);
  });

  test('a declared trip exported to GES 1point5 reads back with the same cities, mode and round trip', async () => {
    const file = await exportTrips(get().db, pilot, 'ges1point5', { now: NOW });
    expect(file.filename).toBe('ges1point5-deplacements-2026-11-26.tsv');
    // The bike leg has no GES 1point5 word.
    expect([file.legCount, file.omittedLegs]).toEqual([2, 1]);
    const read = readGes1point5File(file.bytes, file.filename);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.rows.map((r) => [r.status, r.leg])).toEqual([
      [
        'valid',
        {
          mission: 1,
          date: '2026-03-12',
          fromCity: 'Alès',
          fromCountry: 'France',
          toCity: expect.stringContaining('Charles de Gaulle'),
          toCountry: 'France',
          mode: 'plane',
          passengers: 1,
          roundTrip: true,
          purpose: null,
          status: null,
        },
      ],
    ]);
  });

  test('missions are numbered per trip in date order; every train reads back as GES 1point5’s one train', async () => {
    const file = await exportInstitutionTrips(get().db, admin.institutionId, 'ges1point5', { locale: 'fr' });
    const read = readGes1point5File(file.bytes, file.filename);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.rows.map((r) => [r.leg?.mission, r.leg?.date, r.leg?.mode])).toEqual([
      [1, '2026-01-05', GES1POINT5_TRAIN_MODE],
      [2, '2026-03-12', 'plane'],
    ]);
  });

  test('a pilot exports only their own trips, the admin every trip of the institution', async () => {
    const { db } = get();
    const idsOf = async (user: SessionUser) => {
      const [header, ...rows] = csvRows((await exportTrips(db, user, 'csv', { locale: 'en' })).bytes);
      return new Set(rows.map((r) => r[header.indexOf('Trip id')]));
    };
    const mine = await idsOf(pilot);
    expect(mine.has(flightId)).toBe(true);
    expect(mine.has(adminTripId)).toBe(false);
    const all = await idsOf(admin);
    expect(all.has(flightId)).toBe(true);
    expect(all.has(adminTripId)).toBe(true);
    expect(all.size).toBe(3);
  });
});
