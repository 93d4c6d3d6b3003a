import type { Insertable } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import type { TripLegTable, TripTable } from './travel.table';
import { getTravelDashboard, groupPurposes } from './travel-dashboard.service';
import { insertTrip } from './trips.queries';

/** A leg with every column filled; the dashboard reads mode, distance, emissions, contribution and verdict. */
function aLeg(
  overrides: Partial<Insertable<TripLegTable>> & Pick<TripLegTable, 'mode' | 'emissions_g'>,
): Omit<Insertable<TripLegTable>, 'trip_id' | 'position'> {
  return {
    id: newId(),
    from_text: 'Alès',
    from_name: 'Alès',
    from_country: 'FR',
    from_lat_micro: 44124890,
    from_lon_micro: 4080820,
    to_text: 'Paris',
    to_name: 'Paris',
    to_country: 'FR',
    to_lat_micro: 48853410,
    to_lon_micro: 2348800,
    cabin_class: null,
    round_trip: 0,
    passengers: 1,
    contrails: 1,
    method_key: 'ges1point5',
    method_version: 'test',
    factor_key: 'test',
    factor_value_milli: 1000,
    factor_unit: 'pkm',
    factor_source: 'test',
    great_circle_m: 100_000,
    distance_m: 100_000,
    train_hours_milli: null,
    train_verdict: 'not_applicable',
    price_cents_per_tonne: 10_000,
    contribution_cents: 0,
    steps_json: '[]',
    ...overrides,
  };
}

describeEachDialect('the travel dashboard', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;
  let unitA: { id: string; name: string };
  let unitB: { id: string; name: string };

  async function addTrip(
    trip: Pick<TripTable, 'trip_date' | 'traveller_category'> & Partial<Insertable<TripTable>>,
    legs: ReturnType<typeof aLeg>[],
  ) {
    const id = newId();
    await insertTrip(
      get().db,
      {
        id,
        institution_id: admin.institutionId,
        mission_ref: null,
        purpose: null,
        unit_id: null,
        traveller_key: 'key',
        declared_by: null,
        created_at: nowIso(),
        status: 'declared',
        justification: null,
        ...trip,
      },
      legs.map((leg, position) => ({ ...leg, trip_id: id, position })),
    );
  }

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    // Without `trips`, the demo loads no trip: only the ones below count.
    expect(await db.selectFrom('trip').select('id').execute()).toEqual([]);
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    const units = await db
      .selectFrom('org_unit')
      .select(['id', 'name', 'short_name'])
      .where('institution_id', '=', admin.institutionId)
      .orderBy('position')
      .limit(2)
      .execute();
    const named = units.map((u) => ({ id: u.id, name: u.short_name ? `${u.name} (${u.short_name})` : u.name }));
    [unitA, unitB] = named;

    // Trip A (pilot, unit A, staff): 10 kg by TGV then a 200 kg flight the rule asks to justify.
    await addTrip(
      {
        trip_date: '2025-03-10',
        traveller_category: 'staff',
        purpose: 'Conférence',
        unit_id: unitA.id,
        declared_by: pilot.id,
      },
      [
        aLeg({ mode: 'train_high_speed', emissions_g: 10_000, distance_m: 500_000, contribution_cents: 100 }),
        aLeg({
          mode: 'plane',
          emissions_g: 200_000,
          distance_m: 1_000_000,
          contribution_cents: 2_000,
          train_verdict: 'justification_required',
        }),
      ],
    );
    // Trip B (pilot, unit A, doctoral student): the same purpose typed differently, a 150 kg flagged flight.
    await addTrip(
      {
        trip_date: '2025-03-25',
        traveller_category: 'phd',
        purpose: '  conférence ',
        unit_id: unitA.id,
        declared_by: pilot.id,
      },
      [
        aLeg({
          mode: 'plane',
          emissions_g: 150_000,
          distance_m: 800_000,
          contribution_cents: 1_500,
          train_verdict: 'flagged',
        }),
      ],
    );
    // Trip C (contributor, no unit, student, no purpose): 30 kg by car.
    await addTrip({ trip_date: '2025-07-01', traveller_category: 'student', declared_by: contributor.id }, [
      aLeg({ mode: 'car_unknown', emissions_g: 30_000, distance_m: 300_000, contribution_cents: 300 }),
    ]);
    // Trip D (admin, unit B, guest): 5 kg by TER on the last day of the year.
    await addTrip(
      {
        trip_date: '2025-12-31',
        traveller_category: 'guest',
        purpose: 'Jury',
        unit_id: unitB.id,
        declared_by: admin.id,
      },
      [
        aLeg({
          mode: 'train_regional',
          emissions_g: 5_000,
          distance_m: 100_000,
          contribution_cents: 50,
          train_verdict: 'ok',
        }),
      ],
    );
    // Outside 2025: a 2024 flight and a 2026 train (pilot), then a trip of another institution.
    await addTrip(
      { trip_date: '2024-06-01', traveller_category: 'staff', purpose: 'Conférence', declared_by: pilot.id },
      [aLeg({ mode: 'plane', emissions_g: 99_000, contribution_cents: 990, train_verdict: 'flagged' })],
    );
    await addTrip({ trip_date: '2026-01-01', traveller_category: 'staff', declared_by: pilot.id }, [
      aLeg({ mode: 'train_intercity', emissions_g: 1_000, contribution_cents: 10 }),
    ]);
    const otherInstitution = newId();
    await db
      .insertInto('institution')
      .values({
        id: otherInstitution,
        slug: 'autre',
        name: 'Autre établissement',
        purpose_statement: null,
        ambition: null,
        values_text: null,
        created_at: nowIso(),
      })
      .execute();
    await addTrip({ trip_date: '2025-03-10', traveller_category: 'staff', institution_id: otherInstitution }, [
      aLeg({ mode: 'plane', emissions_g: 777_000, contribution_cents: 7_770, train_verdict: 'flagged' }),
    ]);
  });

  test('the admin reads the whole institution year by mode, unit, purpose, month and category', async () => {
    const d = await getTravelDashboard(get().db, admin, { year: 2025 });
    expect(d.year).toBe(2025);
    expect(d.institution).toBe(true);
    expect(d.canReadFlags).toBe(true);
    expect(d.years).toEqual([2026, 2025, 2024]);
    // 10 + 200 + 150 + 30 + 5 kg; 500 + 1000 + 800 + 300 + 100 km; 1 + 20 + 15 + 3 + 0.5 €;
    // flagged: the flight of A (to justify) and the flight of B (flagged). The other institution's 777 kg stays out.
    expect(d.totals).toEqual({
      emissionsGrams: 395_000,
      legs: 5,
      trips: 4,
      distanceKm: 2_700,
      contributionCents: 3_950,
      flaggedLegs: 2,
    });
    // Plane: A's and B's flights (200 + 150 kg, two trips); the rest one leg each, heaviest first.
    expect(d.byMode).toEqual([
      { mode: 'plane', emissionsGrams: 350_000, legs: 2, trips: 2 },
      { mode: 'car_unknown', emissionsGrams: 30_000, legs: 1, trips: 1 },
      { mode: 'train_high_speed', emissionsGrams: 10_000, legs: 1, trips: 1 },
      { mode: 'train_regional', emissionsGrams: 5_000, legs: 1, trips: 1 },
    ]);
    // Unit A: trips A and B (210 + 150 kg, 3 legs); no unit: C; unit B: D.
    expect(d.byUnit).toEqual([
      { unitId: unitA.id, unitName: unitA.name, emissionsGrams: 360_000, legs: 3, trips: 2 },
      { unitId: null, unitName: null, emissionsGrams: 30_000, legs: 1, trips: 1 },
      { unitId: unitB.id, unitName: unitB.name, emissionsGrams: 5_000, legs: 1, trips: 1 },
    ]);
    // "Conférence" (2 legs) and "  conférence " (1 leg) fold together, named after the spelling with more legs.
    expect(d.byPurpose).toEqual([
      { purpose: { kind: 'purpose', text: 'Conférence' }, emissionsGrams: 360_000, legs: 3, trips: 2 },
      { purpose: { kind: 'purpose', text: 'Jury' }, emissionsGrams: 5_000, legs: 1, trips: 1 },
      { purpose: { kind: 'none' }, emissionsGrams: 30_000, legs: 1, trips: 1 },
    ]);
    expect(d.byMonth).toHaveLength(12);
    expect(d.byMonth.filter((m) => m.legs > 0)).toEqual([
      { month: 3, emissionsGrams: 360_000, legs: 3, trips: 2 },
      { month: 7, emissionsGrams: 30_000, legs: 1, trips: 1 },
      { month: 12, emissionsGrams: 5_000, legs: 1, trips: 1 },
    ]);
    expect(d.byMonth[0]).toEqual({ month: 1, emissionsGrams: 0, legs: 0, trips: 0 });
    expect(d.byCategory).toEqual([
      { category: 'staff', emissionsGrams: 210_000, legs: 2, trips: 1 },
      { category: 'phd', emissionsGrams: 150_000, legs: 1, trips: 1 },
      { category: 'student', emissionsGrams: 30_000, legs: 1, trips: 1 },
      { category: 'guest', emissionsGrams: 5_000, legs: 1, trips: 1 },
    ]);
    // Contributions: 9.90 € in 2024, 39.50 € in 2025, so 49.40 € carried to the end of 2025.
    expect(d.fund).toEqual({ balanceCents: 3_950, runningBalanceCents: 4_940 });
  });

  test('the committee reads the institution figures too, without the flags list', async () => {
    const d = await getTravelDashboard(get().db, committee, { year: 2025 });
    expect(d.institution).toBe(true);
    expect(d.canReadFlags).toBe(false);
    expect(d.totals.emissionsGrams).toBe(395_000);
    expect(d.totals.trips).toBe(4);
  });

  test('a pilot reads only the trips they declared', async () => {
    const d = await getTravelDashboard(get().db, pilot, { year: 2025 });
    expect(d.institution).toBe(false);
    expect(d.canReadFlags).toBe(false);
    // Trips A and B: 10 + 200 + 150 kg, 500 + 1000 + 800 km, 1 + 20 + 15 €.
    expect(d.totals).toEqual({
      emissionsGrams: 360_000,
      legs: 3,
      trips: 2,
      distanceKm: 2_300,
      contributionCents: 3_600,
      flaggedLegs: 2,
    });
    expect(d.byUnit).toEqual([{ unitId: unitA.id, unitName: unitA.name, emissionsGrams: 360_000, legs: 3, trips: 2 }]);
    expect(d.byMode.map((m) => m.mode)).toEqual(['plane', 'train_high_speed']);
    // The fund is the institution's whatever the scope.
    expect(d.fund).toEqual({ balanceCents: 3_950, runningBalanceCents: 4_940 });
  });

  test('the default year is the last year with trips in the scope', async () => {
    // The pilot's last trip left on 2026-01-01 (1 kg); the contributor's only trip in 2025.
    const pilotDefault = await getTravelDashboard(get().db, pilot);
    expect(pilotDefault.year).toBe(2026);
    expect(pilotDefault.years).toEqual([2026, 2025, 2024]);
    expect(pilotDefault.totals.emissionsGrams).toBe(1_000);
    const contributorDefault = await getTravelDashboard(get().db, contributor);
    expect(contributorDefault.year).toBe(2025);
    expect(contributorDefault.years).toEqual([2025]);
    expect(contributorDefault.totals).toMatchObject({ emissionsGrams: 30_000, legs: 1, trips: 1 });
  });

  test('without trips the current year shows, empty, with twelve empty months and the four categories', async () => {
    const d = await getTravelDashboard(get().db, viewer, { currentYear: 2030 });
    expect(d.year).toBe(2030);
    expect(d.years).toEqual([2030]);
    expect(d.totals).toEqual({
      emissionsGrams: 0,
      legs: 0,
      trips: 0,
      distanceKm: 0,
      contributionCents: 0,
      flaggedLegs: 0,
    });
    expect(d.byMode).toEqual([]);
    expect(d.byUnit).toEqual([]);
    expect(d.byPurpose).toEqual([]);
    expect(d.byMonth.every((m) => m.legs === 0)).toBe(true);
    expect(d.byCategory.map((c) => [c.category, c.legs])).toEqual([
      ['staff', 0],
      ['phd', 0],
      ['student', 0],
      ['guest', 0],
    ]);
    // No fund row in 2030: the year's balance is nil, the running balance is the one carried from 2026 (49.40 + 0.10 €).
    expect(d.fund).toEqual({ balanceCents: 0, runningBalanceCents: 4_950 });
  });

  test('a year asked for outside the trips is offered in the selector and shows empty', async () => {
    const d = await getTravelDashboard(get().db, admin, { year: 2019 });
    expect(d.years).toEqual([2026, 2025, 2024, 2019]);
    expect(d.totals.legs).toBe(0);
  });
});

describe('grouping purposes', () => {
  const row = (key: string | null, kg: number, legs = 1) => ({ key, emissionsGrams: kg * 1000, legs, trips: legs });

  test('the ten heaviest purposes are named and the rest summed as "other", trips without a purpose last', () => {
    // Twelve purposes of 12, 11, ..., 1 kg: the ten heaviest are named, "2 kg" and "1 kg" (3 kg, 2 legs) are "other".
    const rows = Array.from({ length: 12 }, (_, i) => row(`Objet ${12 - i}`, 12 - i));
    const grouped = groupPurposes([row(null, 4), row('', 1), ...rows]);
    expect(grouped).toHaveLength(12);
    expect(grouped.slice(0, 10).map((g) => g.purpose)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ kind: 'purpose', text: `Objet ${12 - i}` })),
    );
    expect(grouped[10]).toEqual({ purpose: { kind: 'other', purposes: 2 }, emissionsGrams: 3_000, legs: 2, trips: 2 });
    // No purpose: null (4 kg) and an empty text (1 kg).
    expect(grouped[11]).toEqual({ purpose: { kind: 'none' }, emissionsGrams: 5_000, legs: 2, trips: 2 });
  });

  test('spellings that differ in case and spaces fold into one group, named after the most used', () => {
    const grouped = groupPurposes([row('JURY  de thèse', 1), row('Jury de thèse', 2, 3), row('jury de thèse', 4)]);
    expect(grouped).toEqual([
      { purpose: { kind: 'purpose', text: 'Jury de thèse' }, emissionsGrams: 7_000, legs: 5, trips: 5 },
    ]);
  });

  test('ties are ordered by legs, then by name, never by the order rows came in', () => {
    const grouped = groupPurposes([row('Réunion', 5), row('Colloque', 5), row('Terrain', 5, 2)]);
    expect(grouped.map((g) => (g.purpose.kind === 'purpose' ? g.purpose.text : ''))).toEqual([
      'Terrain',
      'Colloque',
      'Réunion',
    ]);
  });
});
