import { beforeAll, expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { estimateTrip } from './estimate.service';
import { type Ges1point5Leg, readGes1point5File, writeGes1point5File } from './ges1point5-file';
import type { TripFileReader } from './trip-file';
import { TRIP_STATUS_DECLARED, toMetres, toMicro, travellerKeyOf } from './trips';
import { insertTrip, rowsPerInsert, TRIP_LEG_COLUMNS } from './trips.queries';
import { categoryOfAgentStatus, commitTripImport, readGes1point5Trips } from './trips-import';

const aLeg = (mission: number, date: string, from: string, to: string, mode: Ges1point5Leg['mode']): Ges1point5Leg => ({
  mission,
  date,
  fromCity: from,
  fromCountry: 'France',
  toCity: to,
  toCountry: 'France',
  mode,
  passengers: mode === 'car_unknown' ? 2 : 1,
  roundTrip: false,
  purpose: `Mission ${mission}`,
  status: mission % 2 ? 'Doctorant' : null,
});

/** Three missions, dates out of order, one leg of each kind of figure (train, plane with a verdict, shared car). */
const THREE_MISSIONS = [
  aLeg(7, '2026-03-12', 'Alès', 'Paris', 'train_intercity'),
  aLeg(7, '2026-03-13', 'Paris', 'Montpellier', 'plane'),
  aLeg(3, '2026-01-02', 'Montpellier', 'Lyon', 'car_unknown'),
  aLeg(3, '2026-01-03', 'Lyon', 'Montpellier', 'car_unknown'),
  aLeg(9, '2025-11-30', 'Nîmes', 'Alès', 'bus'),
];

const fileOf = (legs: Ges1point5Leg[]) => ({ bytes: writeGes1point5File(legs).bytes, filename: 'batch.tsv' });

/**
 * The import as it was before batching, kept here as the reference: each leg
 * estimated on its own (estimateTrip), each trip and its legs inserted with
 * insertTrip, the default method and settings, the suggested carbon price.
 */
async function importOneByOne(db: Parameters<typeof insertTrip>[0], user: SessionUser, legs: Ges1point5Leg[]) {
  const missions = new Map<number, Ges1point5Leg[]>();
  for (const leg of legs) missions.set(leg.mission, [...(missions.get(leg.mission) ?? []), leg]);
  const tripIds: string[] = [];
  for (const [mission, missionLegs] of missions) {
    const tripId = newId();
    tripIds.push(tripId);
    const rows = [];
    for (const [position, leg] of missionLegs.entries()) {
      const estimate = await estimateTrip({
        from: leg.fromCity,
        fromCountry: leg.fromCountry,
        to: leg.toCity,
        toCountry: leg.toCountry,
        mode: leg.mode,
        roundTrip: leg.roundTrip,
        passengers: leg.passengers,
        date: leg.date,
      });
      if (!estimate.ok || !estimate.value.from.place || !estimate.value.to.place) throw new Error('reference failed');
      const { from, to, leg: computed, trainFirst, price } = estimate.value;
      rows.push({
        id: newId(),
        trip_id: tripId,
        position,
        from_text: leg.fromCity,
        from_name: from.place!.name,
        from_country: from.place!.country,
        from_lat_micro: toMicro(from.place!.lat),
        from_lon_micro: toMicro(from.place!.lon),
        to_text: leg.toCity,
        to_name: to.place!.name,
        to_country: to.place!.country,
        to_lat_micro: toMicro(to.place!.lat),
        to_lon_micro: toMicro(to.place!.lon),
        mode: leg.mode,
        cabin_class: computed.cabinClass ?? null,
        round_trip: leg.roundTrip ? 1 : 0,
        passengers: leg.passengers,
        contrails: 1,
        method_key: computed.methodKey,
        method_version: computed.methodVersion,
        factor_key: computed.factor.key,
        factor_value_milli: Math.round(computed.factor.value * 1000),
        factor_unit: computed.factor.unit,
        factor_source: computed.factor.source,
        great_circle_m: toMetres(computed.greatCircleKm),
        distance_m: toMetres(computed.distanceKm),
        emissions_g: computed.emissionsGrams,
        train_hours_milli: trainFirst.verdict === 'not_applicable' ? null : Math.round(trainFirst.trainHours * 1000),
        train_verdict: trainFirst.verdict,
        price_cents_per_tonne: Math.round(price.pricePerTonneEuros * 100),
        contribution_cents: estimate.value.contributionCents,
        steps_json: JSON.stringify(computed.steps),
        leg_date: leg.date,
      });
    }
    const first = missionLegs[0]!;
    await insertTrip(
      db,
      {
        id: tripId,
        institution_id: user.institutionId,
        mission_ref: String(mission),
        purpose: first.purpose,
        traveller_category: categoryOfAgentStatus(first.status),
        unit_id: null,
        traveller_key: travellerKeyOf(user.institutionId, user.id),
        declared_by: user.id,
        trip_date: first.date,
        created_at: nowIso(),
        status: TRIP_STATUS_DECLARED,
        justification: null,
        traveller_label: null,
      },
      rows,
    );
  }
  return tripIds;
}

describeEachDialect('trips import, batched', (get) => {
  let admin: SessionUser;
  const count = async (table: 'trip' | 'trip_leg') =>
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
  });

  test('the batched import stores exactly what inserting trip by trip did, field by field', async () => {
    const { db } = get();
    // The demo admin's person has a unit; the reference leaves it out, so compare without it.
    const reference = await importOneByOne(db, admin, THREE_MISSIONS);
    const committed = await commitTripImport(db, admin, fileOf(THREE_MISSIONS));
    if (!committed.ok) throw new Error(committed.error.code);
    const stored = async (tripIds: string[]) => {
      const trips = await db.selectFrom('trip').selectAll().where('id', 'in', tripIds).orderBy('mission_ref').execute();
      const legs = await db
        .selectFrom('trip_leg')
        .innerJoin('trip', 'trip.id', 'trip_leg.trip_id')
        .selectAll('trip_leg')
        .select('trip.mission_ref')
        .where('trip_leg.trip_id', 'in', tripIds)
        .orderBy('trip.mission_ref')
        .orderBy('trip_leg.position')
        .execute();
      return {
        trips: trips.map(({ id: _id, created_at: _at, unit_id: _unit, ...rest }) => rest),
        legs: legs.map(({ id: _id, trip_id: _trip, ...rest }) => rest),
      };
    };
    const expected = await stored(reference);
    const actual = await stored(committed.value.tripIds);
    // Missions 3, 7 and 9: 2 + 2 + 1 legs, every one of the 32 leg columns compared.
    expect(expected.trips.map((t) => t.mission_ref)).toEqual(['3', '7', '9']);
    expect(actual.legs).toHaveLength(5);
    expect(Object.keys(actual.legs[0]!)).toHaveLength(Object.keys(TRIP_LEG_COLUMNS).length - 1);
    expect(actual).toEqual(expected);
    // Trip ids come back in the file's mission order, whatever order they were written in.
    const refs = await db
      .selectFrom('trip')
      .select(['id', 'mission_ref'])
      .where('id', 'in', committed.value.tripIds)
      .execute();
    const refOf = new Map(refs.map((r) => [r.id, r.mission_ref]));
    expect(committed.value.tripIds.map((id) => refOf.get(id))).toEqual(['7', '3', '9']);
  });

  test("a format's own mission reference and cabin class are stored", async () => {
    const { db } = get();
    // Another format numbers its missions itself and keeps the reference it read (here "DEP-2026-0042").
    const reader: TripFileReader = (bytes, filename) => {
      const read = readGes1point5Trips(bytes, filename);
      if (!read.ok) return read;
      const rows = read.rows.map((row) =>
        row.leg?.mode === 'plane'
          ? { ...row, leg: { ...row.leg, missionRef: 'DEP-2026-0042', cabinClass: 'business' as const } }
          : row,
      );
      return { ...read, rows };
    };
    const committed = await commitTripImport(db, admin, { ...fileOf(THREE_MISSIONS), reader });
    if (!committed.ok) throw new Error(committed.error.code);
    const stored = await db
      .selectFrom('trip')
      .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
      .select(['trip.mission_ref', 'trip_leg.mode', 'trip_leg.cabin_class'])
      .where('trip.id', 'in', committed.value.tripIds)
      .orderBy('trip.mission_ref')
      .orderBy('trip_leg.position')
      .execute();
    // Mission 7's first leg is the train: the trip takes its reference from the first leg, so "7" stays.
    expect(stored).toEqual([
      { mission_ref: '3', mode: 'car_unknown', cabin_class: null },
      { mission_ref: '3', mode: 'car_unknown', cabin_class: null },
      { mission_ref: '7', mode: 'train_intercity', cabin_class: null },
      { mission_ref: '7', mode: 'plane', cabin_class: 'business' },
      { mission_ref: '9', mode: 'bus', cabin_class: null },
    ]);
    const single = await commitTripImport(db, admin, {
      ...fileOf([aLeg(1, '2026-02-02', 'Paris', 'Montpellier', 'plane')]),
      reader,
    });
    if (!single.ok) throw new Error(single.error.code);
    const trip = await db
      .selectFrom('trip')
      .select('mission_ref')
      .where('id', '=', single.value.tripIds[0]!)
      .executeTakeFirstOrThrow();
    expect(trip.mission_ref).toBe('DEP-2026-0042');
  });

  /** Missions of 2 legs, Alès → Nîmes → Alès, dates over a year, more legs than two INSERTs hold. */
  function bigFile(): Ges1point5Leg[] {
    const legs: Ges1point5Leg[] = [];
    const total = Math.max(2_000, 2 * rowsPerInsert(get().db, Object.keys(TRIP_LEG_COLUMNS).length) + 6);
    for (let mission = 1; legs.length < total; mission++) {
      const day = new Date(Date.UTC(2025, 0, 1 + ((mission * 37) % 360))).toISOString().slice(0, 10);
      legs.push(aLeg(mission, day, 'Alès', 'Nîmes', 'train_intercity'), aLeg(mission, day, 'Nîmes', 'Alès', 'bus'));
    }
    return legs;
  }

  test('a file of more legs than several INSERTs hold is stored completely', async () => {
    const legs = bigFile();
    const [tripsBefore, legsBefore] = [await count('trip'), await count('trip_leg')];
    const committed = await commitTripImport(get().db, admin, fileOf(legs));
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.counts).toMatchObject({ legs: legs.length, missions: legs.length / 2, rejected: 0 });
    expect(await count('trip')).toBe(tripsBefore + legs.length / 2);
    expect(await count('trip_leg')).toBe(legsBefore + legs.length);
    // Every trip has its two legs, at positions 0 and 1.
    const positions = await get()
      .db.selectFrom('trip_leg')
      .select(['position', (eb) => eb.fn.countAll<number>().as('n')])
      .where('trip_id', 'in', committed.value.tripIds.slice(0, 1000))
      .groupBy('position')
      .orderBy('position')
      .execute();
    expect(positions.map((p) => [Number(p.position), Number(p.n)])).toEqual([
      [0, 1000],
      [1, 1000],
    ]);
  });

  test('a leg that fails to compute after batches were written undoes the whole import', async () => {
    const legs = bigFile();
    // The last trip by date (written last) is a car that the reader, of another format, says carried no one.
    legs.push(aLeg(99_999, '2025-12-31', 'Alès', 'Nîmes', 'car_unknown'));
    const reader: TripFileReader = (bytes, filename) => {
      const read = readGes1point5Trips(bytes, filename);
      if (!read.ok) return read;
      const rows = read.rows.map((row) =>
        row.leg?.mission === 99_999 ? { ...row, leg: { ...row.leg, passengers: 0 } } : row,
      );
      return { ...read, rows };
    };
    const [tripsBefore, legsBefore] = [await count('trip'), await count('trip_leg')];
    const committed = await commitTripImport(get().db, admin, { ...fileOf(legs), reader });
    expect(committed.ok).toBe(false);
    if (committed.ok) return;
    expect(committed.error).toEqual({ code: 'travel.import.hasRejectedRows', params: { count: 1 } });
    const rejected = committed.preview?.rows.filter((r) => r.status === 'rejected');
    expect(rejected?.map((r) => [r.line, r.messages.at(-1)?.code])).toEqual([
      [legs.length + 1, 'travel.leg.invalidPassengers'],
    ]);
    expect(await count('trip')).toBe(tripsBefore);
    expect(await count('trip_leg')).toBe(legsBefore);
  });

  test('a claim that fails writes nothing, however big the file', async () => {
    const { db } = get();
    const legs = bigFile();
    const [tripsBefore, legsBefore] = [await count('trip'), await count('trip_leg')];
    const refused = await commitTripImport(db, admin, fileOf(legs), { claim: async () => false });
    expect(refused).toEqual({ ok: false, error: { code: 'travel.import.alreadyCommitted' } });
    const claimed: number[] = [];
    await expect(
      commitTripImport(db, admin, fileOf(legs), {
        claim: async (trx, trips) => {
          claimed.push(trips);
          // The claim's own write is undone with the rest.
          await trx.deleteFrom('trip').where('institution_id', '=', admin.institutionId).execute();
          throw new Error('claim failed');
        },
      }),
    ).rejects.toThrow('claim failed');
    expect(claimed).toEqual([legs.length / 2]);
    expect(await count('trip')).toBe(tripsBefore);
    expect(await count('trip_leg')).toBe(legsBefore);
  });
});

test('the reference file of these tests reads back as written', () => {
  const read = readGes1point5File(fileOf(THREE_MISSIONS).bytes, 'batch.tsv');
  expect(read.ok && read.rows.map((r) => r.leg)).toEqual(THREE_MISSIONS);
});
