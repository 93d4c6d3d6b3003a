import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { commitTripImportUpload, createTripImport, getTripImport, saveTripImportMapping } from './trips-import-upload';

const ACCOUNTING = readFileSync(join(__dirname, 'fixtures', 'notes-de-frais-1252.csv'));
const flights = (rows: string[][]) =>
  new TextEncoder().encode(
    `${[['Date', 'From', 'To', 'Return', 'Class', 'Mission'], ...rows].map((r) => r.join(';')).join('\n')}\n`,
  );

describeEachDialect('trips import of accounting exports and IATA flights', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  const count = async (table: 'trip' | 'import_upload') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('an accounting export waits for its mapping, then previews, then commits one trip per mission', async () => {
    const { db } = get();
    const created = await createTripImport(db, admin, {
      filename: 'notes-de-frais.csv',
      bytes: ACCOUNTING,
      format: 'accounting',
    });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.value.needsMapping).toBe(true);

    const waiting = await getTripImport(db, admin, created.value.id);
    expect(waiting).toMatchObject({ format: 'accounting', committed: false, preview: null });
    expect(waiting?.mappingStep).toMatchObject({ confirmed: false, unmatched: [] });
    expect(waiting?.mappingStep?.header).toContain('Nature de la dépense');
    expect(await commitTripImportUpload(db, admin, created.value.id)).toEqual({
      ok: false,
      error: { code: 'travel.import.upload.mappingNotConfirmed' },
    });

    const mapping = waiting?.mappingStep?.mapping;
    expect(await saveTripImportMapping(db, admin, created.value.id, { mapping, confirmed: true })).toMatchObject({
      ok: true,
    });
    const view = await getTripImport(db, admin, created.value.id);
    if (!view?.preview?.ok) throw new Error(`no preview: ${JSON.stringify(view?.preview)}`);
    // 4 trip lines (train, plane, hire car, mileage) in 3 missions; hotel, meal, registration and tax skipped.
    expect(view.preview.value.counts).toMatchObject({
      valid: 4,
      warning: 0,
      rejected: 0,
      skipped: 4,
      missions: 3,
      legs: 4,
    });

    const before = await count('trip');
    const committed = await commitTripImportUpload(db, admin, created.value.id);
    if (!committed.ok) throw new Error(committed.error.code);
    expect(await count('trip')).toBe(before + 3);
    const trips = await db
      .selectFrom('trip')
      .select(['id', 'mission_ref', 'trip_date', 'traveller_category'])
      .where('id', 'in', committed.value.tripIds)
      .orderBy('trip_date')
      .execute();
    expect(trips.map((t) => [t.mission_ref, t.trip_date, t.traveller_category])).toEqual([
      ['OM-2026-017', '2026-09-14', 'phd'],
      ['OM-2026-018', '2026-10-03', 'staff'],
      ['OM-2026-019', '2026-11-07', 'staff'],
    ]);
    const legs = await db
      .selectFrom('trip_leg')
      .select(['from_name', 'to_name', 'mode', 'round_trip'])
      .where('trip_id', '=', trips[1]?.id ?? '')
      .orderBy('position')
      .execute();
    expect(legs.map((l) => [l.from_name, l.to_name, l.mode, l.round_trip])).toEqual([
      ['Montpellier', 'Brest', 'plane', 0],
      ['Brest', 'Quimper', 'car_unknown', 1],
    ]);
    expect(await commitTripImportUpload(db, admin, created.value.id)).toEqual({
      ok: false,
      error: { code: 'travel.import.alreadyCommitted' },
    });
  });

  test('one unknown expense type rejects the whole accounting import; nothing is stored', async () => {
    const { db } = get();
    const text = 'Date;Nature;Départ;Arrivée\n12/03/2026;Billet de train;Alès;Paris\n13/03/2026;Divers;Paris;Lyon\n';
    const created = await createTripImport(db, admin, {
      filename: 'x.csv',
      bytes: new TextEncoder().encode(text),
      format: 'accounting',
      mapping: { date: 'Date', category: 'Nature', fromPlace: 'Départ', toPlace: 'Arrivée' },
    });
    if (!created.ok) throw new Error(created.error.code);
    const saved = await saveTripImportMapping(db, admin, created.value.id, {
      mapping: { date: 'Date', category: 'Nature', fromPlace: 'Départ', toPlace: 'Arrivée' },
      confirmed: true,
    });
    expect(saved.ok).toBe(true);
    const before = await count('trip');
    const committed = await commitTripImportUpload(db, admin, created.value.id);
    expect(committed).toMatchObject({
      ok: false,
      error: { code: 'travel.import.hasRejectedRows', params: { count: 1 } },
    });
    expect(await count('trip')).toBe(before);
  });

  test('an incomplete mapping cannot be confirmed', async () => {
    const { db } = get();
    const created = await createTripImport(db, admin, { filename: 'n.csv', bytes: ACCOUNTING, format: 'accounting' });
    if (!created.ok) throw new Error(created.error.code);
    expect(
      await saveTripImportMapping(db, admin, created.value.id, { mapping: { date: 'Date' }, confirmed: true }),
    ).toEqual({
      ok: false,
      error: { code: 'travel.import.accounting.mappingIncomplete' },
    });
    // Unconfirmed (a profile applied), a partial mapping is kept for the form.
    expect(
      (await saveTripImportMapping(db, admin, created.value.id, { mapping: { date: 'Date' }, confirmed: false })).ok,
    ).toBe(true);
    expect((await getTripImport(db, admin, created.value.id))?.mappingStep?.mapping).toEqual({ date: 'Date' });
  });

  test('IATA flights are imported as plane legs with their cabin class', async () => {
    const { db } = get();
    const created = await createTripImport(db, admin, {
      filename: 'vols.csv',
      bytes: flights([
        ['2026-05-04', 'CDG', 'JFK', 'OUI', 'Affaires', 'PNR-1'],
        ['2026-05-20', 'TLS', 'ORY', 'NON', '', 'PNR-2'],
      ]),
      format: 'iata',
    });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.value.needsMapping).toBe(false);
    const committed = await commitTripImportUpload(db, admin, created.value.id);
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.counts).toMatchObject({ valid: 2, rejected: 0, skipped: 0, missions: 2, legs: 2 });
    const legs = await db
      .selectFrom('trip_leg')
      .innerJoin('trip', 'trip.id', 'trip_leg.trip_id')
      .select([
        'trip.mission_ref',
        'trip_leg.from_country',
        'trip_leg.to_country',
        'trip_leg.mode',
        'trip_leg.cabin_class',
      ])
      .where('trip.id', 'in', committed.value.tripIds)
      .orderBy('trip.trip_date')
      .execute();
    expect(legs.map((l) => [l.mission_ref, l.from_country, l.to_country, l.mode, l.cabin_class])).toEqual([
      ['PNR-1', 'FR', 'US', 'plane', 'business'],
      ['PNR-2', 'FR', 'FR', 'plane', null],
    ]);
  });

  test('an unknown airport code rejects the IATA import, nothing is stored', async () => {
    const { db } = get();
    const created = await createTripImport(db, admin, {
      filename: 'vols.csv',
      bytes: flights([
        ['2026-05-04', 'CDG', 'JFK', 'OUI', '', 'A'],
        ['2026-05-04', 'CDG', 'QQQ', 'OUI', '', 'B'],
      ]),
      format: 'iata',
    });
    if (!created.ok) throw new Error(created.error.code);
    const view = await getTripImport(db, admin, created.value.id);
    expect(view?.preview).toMatchObject({ ok: true, value: { counts: { valid: 1, rejected: 1 } } });
    const before = await count('trip');
    expect(await commitTripImportUpload(db, admin, created.value.id)).toMatchObject({ ok: false });
    expect(await count('trip')).toBe(before);
  });

  test('a hostile file is refused with nothing stored, and a pilot cannot import', async () => {
    const { db } = get();
    const before = await count('import_upload');
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    for (const format of ['accounting', 'iata', 'ges1point5'] as const)
      expect(await createTripImport(db, admin, { filename: 'export.csv', bytes: exe, format })).toMatchObject({
        ok: false,
        error: { code: 'import.file.unsupportedType' },
      });
    expect(await createTripImport(db, pilot, { filename: 'n.csv', bytes: ACCOUNTING, format: 'accounting' })).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
    expect(await count('import_upload')).toBe(before);
  });
});
