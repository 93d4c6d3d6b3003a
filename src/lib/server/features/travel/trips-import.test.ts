import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { contributionCents } from './compensation';
import { setCarbonPrice } from './fund.service';
import { GES1POINT5_HEADER } from './ges1point5-format';
import { type Place, type ResolverMemory, resolvePlace } from './places';
import type { TripFileReader } from './trip-file';
import { categoryOfAgentStatus, commitTripImport, previewTripImport, readGes1point5Trips } from './trips-import';
import { commitTripImportUpload, createTripImport, getTripImport } from './trips-import-upload';

function aFile(rows: string[][]): { bytes: Uint8Array; filename: string } {
  const text = [GES1POINT5_HEADER.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n');
  return { bytes: new TextEncoder().encode(`${text}\n`), filename: 'deplacements.tsv' };
}

/** Mission 1: Alès → Paris by train then Paris → Berlin by plane; mission 2: Montpellier → Lyon by car, count missing. */
const GOOD_ROWS = [
  ['1', '12/03/2026', 'Alès', 'France', 'Paris', 'France', 'train', '', 'NON', 'Colloque', 'Doctorant'],
  ['1', '13/03/2026', 'Paris', 'France', 'Berlin', 'Allemagne', 'avion', '', 'NON', 'Colloque', 'Doctorant'],
  ['2', '02/04/2026', 'Montpellier', 'France', 'Lyon', 'France', 'voiture', '', 'OUI', '', ''],
];

describeEachDialect('trips import', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  const countTrips = async () =>
    Number(
      (
        await get()
          .db.selectFrom('trip')
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

  test('the preview reports every row and the totals, and writes nothing', async () => {
    const before = await countTrips();
    const preview = await previewTripImport(get().db, admin, aFile(GOOD_ROWS));
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'valid'],
      [3, 'valid'],
      [4, 'warning'],
    ]);
    expect(preview.value.counts).toMatchObject({ valid: 2, warning: 1, rejected: 0, missions: 2, legs: 3 });
    expect(preview.value.counts.emissionsGrams).toBeGreaterThan(0);
    expect(await countTrips()).toBe(before);
  });

  test('a commit writes one trip per mission with its legs, the traveller pseudonymised, and one audit event', async () => {
    const { db } = get();
    const before = await countTrips();
    const committed = await commitTripImport(db, admin, aFile(GOOD_ROWS));
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.tripIds).toHaveLength(2);
    expect(await countTrips()).toBe(before + 2);
    const trip = await db
      .selectFrom('trip')
      .selectAll()
      .where('id', '=', committed.value.tripIds[0])
      .executeTakeFirstOrThrow();
    expect(trip).toMatchObject({
      mission_ref: '1',
      trip_date: '2026-03-12',
      purpose: 'Colloque',
      traveller_category: 'phd',
      declared_by: admin.id,
      justification: null,
    });
    expect(trip.traveller_key).toMatch(/^[0-9a-f]{64}$/);
    const legs = await db
      .selectFrom('trip_leg')
      .select(['position', 'from_name', 'to_name', 'mode', 'method_key', 'train_verdict', 'emissions_g'])
      .where('trip_id', '=', trip.id)
      .orderBy('position')
      .execute();
    expect(legs.map((l) => [l.position, l.from_name, l.to_name, l.mode, l.method_key])).toEqual([
      [0, 'Alès', 'Paris', 'train_intercity', 'ges1point5'],
      [1, 'Paris', 'Berlin', 'plane', 'ges1point5'],
    ]);
    const total =
      legs.reduce((sum, l) => sum + l.emissions_g, 0) +
      Number(
        (
          await db
            .selectFrom('trip_leg')
            .select('emissions_g')
            .where('trip_id', '=', committed.value.tripIds[1])
            .executeTakeFirstOrThrow()
        ).emissions_g,
      );
    expect(total).toBe(committed.value.counts.emissionsGrams);
    const audit = await db
      .selectFrom('audit_event')
      .select(['operation'])
      .where('entity_type', '=', 'trip_import')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.operation === 'import')).toBe(true);
  });

  test("imported legs are priced at the institution's internal carbon price of their year", async () => {
    const { db } = get();
    expect((await setCarbonPrice(db, admin, 2026, 120)).ok).toBe(true);
    const committed = await commitTripImport(db, admin, aFile(GOOD_ROWS));
    if (!committed.ok) throw new Error(committed.error.code);
    const legs = await db
      .selectFrom('trip_leg')
      .select(['emissions_g', 'price_cents_per_tonne', 'contribution_cents'])
      .where('trip_id', 'in', committed.value.tripIds)
      .execute();
    expect(legs.length).toBeGreaterThan(0);
    for (const leg of legs) {
      expect(Number(leg.price_cents_per_tonne)).toBe(12_000);
      expect(Number(leg.contribution_cents)).toBe(contributionCents(Number(leg.emissions_g), 120));
    }
  });

  test('one rejected row, a bad date or an unknown place with its candidates, and nothing is written', async () => {
    const before = await countTrips();
    const rows = [
      ...GOOD_ROWS,
      ['3', '31/02/2026', 'Alès', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', ''],
      ['4', '05/05/2026', 'Xyzzyville', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', ''],
    ];
    const committed = await commitTripImport(get().db, admin, aFile(rows));
    expect(committed.ok).toBe(false);
    if (committed.ok) return;
    expect(committed.error.code).toBe('travel.import.hasRejectedRows');
    expect(committed.preview?.counts.rejected).toBe(2);
    const rejected = committed.preview?.rows.filter((r) => r.status === 'rejected') ?? [];
    expect(rejected.map((r) => [r.line, r.messages[0]?.code])).toEqual([
      [5, 'travel.import.row.dateInvalid'],
      [6, 'travel.import.row.placeNotResolved'],
    ]);
    expect(rejected[1].messages[0].params).toMatchObject({ place: 'Xyzzyville' });
    expect(rejected[1].messages[0].params.candidates).toEqual(expect.any(String));
    expect(await countTrips()).toBe(before);
  });

  test('a file that is not a GES 1point5 file is refused with its code', async () => {
    const bytes = new TextEncoder().encode('a\tb\n1\t2\n');
    const preview = await previewTripImport(get().db, admin, { bytes, filename: 'x.tsv' });
    expect(preview).toEqual({ ok: false, error: { code: 'travel.import.notGes1point5File' } });
  });

  test('a stored upload is committed once; a second commit writes nothing', async () => {
    const { db } = get();
    const created = await createTripImport(db, admin, aFile(GOOD_ROWS));
    if (!created.ok) throw new Error(created.error.code);
    const before = await countTrips();
    const first = await commitTripImportUpload(db, admin, created.value.id);
    expect(first.ok).toBe(true);
    const second = await commitTripImportUpload(db, admin, created.value.id);
    expect(second).toEqual({ ok: false, error: { code: 'travel.import.alreadyCommitted' } });
    expect(await countTrips()).toBe(before + 2);
    expect(await getTripImport(db, admin, created.value.id)).toMatchObject({ committed: true, tripCount: 2 });
    expect(await getTripImport(db, pilot, created.value.id)).toBeUndefined();
  });

  test('a line that is not a trip is reported and counted as skipped, and never stored', async () => {
    const { db } = get();
    // A reader of another format: the GES 1point5 rows, then a hotel night on line 5.
    const reader: TripFileReader = (bytes, filename) => {
      const read = readGes1point5Trips(bytes, filename);
      if (!read.ok) return read;
      const hotel = { code: 'travel.import.row.notATrip', params: { value: 'Hôtel' } };
      return { ...read, rows: [...read.rows, { line: 5, status: 'skipped', messages: [hotel] }] };
    };
    const input = { ...aFile(GOOD_ROWS), reader };
    const preview = await previewTripImport(db, admin, input);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts).toMatchObject({ valid: 2, warning: 1, rejected: 0, skipped: 1, missions: 2, legs: 3 });
    expect(preview.value.rows.at(-1)).toEqual({
      line: 5,
      status: 'skipped',
      messages: [{ code: 'travel.import.row.notATrip', params: { value: 'Hôtel' } }],
    });
    const before = await countTrips();
    const committed = await commitTripImport(db, admin, input);
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.counts.skipped).toBe(1);
    // Three legs in two missions: the skipped line adds no trip.
    expect(await countTrips()).toBe(before + 2);
    const legs = await db.selectFrom('trip_leg').select('id').where('trip_id', 'in', committed.value.tripIds).execute();
    expect(legs).toHaveLength(3);
  });

  test('each place text not resolved is listed once, with its candidates and the lines it is on', async () => {
    const rows = [
      ['1', '05/05/2026', 'Xyzzyville', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', ''],
      ['2', '06/05/2026', 'Nîmes', 'France', 'Xyzzyville', 'France', 'bus', '', 'NON', '', ''],
      ['3', '07/05/2026', 'Alès', 'France', 'Xyzzyville', 'Belgique', 'train', '', 'NON', '', ''],
      ['4', '08/05/2026', 'Alès', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', ''],
    ];
    const preview = await previewTripImport(get().db, admin, aFile(rows));
    if (!preview.ok) throw new Error(preview.error.code);
    // Lines 2-4 are rejected; line 5 is valid. "Xyzzyville" in France twice, in Belgium once: two entries.
    expect(preview.value.counts).toMatchObject({ valid: 1, rejected: 3 });
    expect(preview.value.unresolved.map((u) => [u.text, u.country, u.lines, u.count])).toEqual([
      ['Xyzzyville', 'France', [2, 3], 2],
      ['Xyzzyville', 'Belgique', [4], 1],
    ]);
    // Candidates are the resolver's, for the person who reviews (none come close to this name).
    expect(preview.value.unresolved[0]?.candidates).toEqual([]);
  });

  test('an answer people gave earlier (the resolver memory) makes a row with an unknown text valid', async () => {
    const { db } = get();
    const paris = (await resolvePlace('Paris', { country: 'France' })).place as Place;
    const asked: [string, string | undefined][] = [];
    const memory: ResolverMemory = {
      remembered: (text, country) => {
        asked.push([text, country]);
        return text === 'xyzzyville' && country === 'FR' ? paris : undefined;
      },
    };
    const rows = [['1', '05/05/2026', 'Alès', 'France', 'Xyzzyville', 'France', 'train', '', 'NON', '', '']];
    const without = await commitTripImport(db, admin, aFile(rows));
    expect(without.ok).toBe(false);
    const committed = await commitTripImport(db, admin, aFile(rows), { memory });
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.counts).toMatchObject({ valid: 1, rejected: 0 });
    expect(committed.value.unresolved).toEqual([]);
    expect(asked).toContainEqual(['xyzzyville', 'FR']);
    const leg = await db
      .selectFrom('trip_leg')
      .select(['to_text', 'to_name', 'to_country'])
      .where('trip_id', '=', committed.value.tripIds[0])
      .executeTakeFirstOrThrow();
    expect(leg).toEqual({ to_text: 'Xyzzyville', to_name: 'Paris', to_country: 'FR' });
  });

  test("the institution's settings are applied: method, contrails and train-first thresholds", async () => {
    const { db } = get();
    // Paris → Berlin by plane: about 880 km great circle, a train of 0.5 + 1056/120 = 9.3 hours.
    const rows = [['1', '13/03/2026', 'Paris', 'France', 'Berlin', 'Allemagne', 'avion', '', 'NON', '', '']];
    const settings = {
      methodKey: 'ademe-base-empreinte-2025' as const,
      contrails: false,
      trainFirstRule: { justifyUnderHours: 10, flagUnderHours: 12 },
    };
    const committed = await commitTripImport(db, admin, aFile(rows), { settings });
    if (!committed.ok) throw new Error(committed.error.code);
    const leg = await db
      .selectFrom('trip_leg')
      .select(['method_key', 'contrails', 'train_verdict', 'factor_key'])
      .where('trip_id', '=', committed.value.tripIds[0])
      .executeTakeFirstOrThrow();
    // 9.3 h is under the institution's 10 h: justification required (under the default 4 h / 6 h it is "ok").
    expect(leg).toEqual({
      method_key: 'ademe-base-empreinte-2025',
      contrails: 0,
      train_verdict: 'justification_required',
      factor_key: 'plane.upTo1000',
    });
    const byDefault = await commitTripImport(db, admin, aFile(rows));
    if (!byDefault.ok) throw new Error(byDefault.error.code);
    const defaultLeg = await db
      .selectFrom('trip_leg')
      .select(['method_key', 'contrails', 'train_verdict'])
      .where('trip_id', '=', byDefault.value.tripIds[0])
      .executeTakeFirstOrThrow();
    expect(defaultLeg).toEqual({ method_key: 'ges1point5', contrails: 1, train_verdict: 'ok' });
  });

  test('only the admin may import', async () => {
    const before = await countTrips();
    expect(await previewTripImport(get().db, pilot, aFile(GOOD_ROWS))).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
    const committed = await commitTripImport(get().db, pilot, aFile(GOOD_ROWS));
    expect(committed.ok).toBe(false);
    expect(await countTrips()).toBe(before);
  });
});

test('the agent status picks the traveller category, staff by default', () => {
  expect(['Doctorant', 'Étudiante', 'Invité', 'Chercheur', null].map(categoryOfAgentStatus)).toEqual([
    'phd',
    'student',
    'guest',
    'staff',
    'staff',
  ]);
});
