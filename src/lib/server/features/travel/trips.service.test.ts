import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { estimateTrip } from './estimate.service';
import { setCarbonPrice } from './fund.service';
import { type SingleLegTripInput, type TripInput, type TripLegInput, travellerKeyOf } from './trips';
import {
  declareTrip,
  estimateTripToDeclare,
  getTrip,
  listTrainFirstFlags,
  listTrips,
  tripFormOptions,
} from './trips.service';

/** Alès → Paris-CDG by plane, round trip: under 4 h by train, so the train-first rule asks for a justification. */
function aFlightToCdg(overrides: Partial<SingleLegTripInput> = {}): SingleLegTripInput {
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

const leg = (from: string, to: string, mode: TripLegInput['mode'], more: Partial<TripLegInput> = {}): TripLegInput => ({
  from,
  to,
  mode,
  roundTrip: false,
  passengers: 1,
  ...more,
});

/**
 * Alès → Nîmes by car with two people, Nîmes → Paris by TGV, Paris → Brussels
 * by plane, justified; in 2032, a year whose carbon price the tests set to 100 €/t.
 */
function aMissionToBrussels(overrides: Partial<TripInput> = {}): TripInput {
  return {
    date: '2032-05-10',
    purpose: 'Réunion de projet européen',
    category: 'staff',
    method: 'ges1point5',
    contrails: true,
    justification: 'Retour le soir même pour un jury',
    legs: [
      leg('Alès', 'Nîmes', 'car_thermal', { passengers: 2 }),
      leg('Nîmes', 'Paris', 'train_high_speed'),
      leg('Paris', 'Bruxelles', 'plane', { cabinClass: 'economy' }),
    ],
    ...overrides,
  };
}

describeEachDialect('declared trips', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
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
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    const priced = await setCarbonPrice(db, admin, 2032, 100);
    if (!priced.ok) throw new Error(priced.error.code);
  });

  test('a mission of three legs is stored leg by leg in order, with its hand-computed totals', async () => {
    const { db } = get();
    const declared = await declareTrip(db, pilot, aMissionToBrussels());
    if (!declared.ok) throw new Error(declared.error.code);
    // GES 1point5 (data/carbon/ges1point5.json), places from data/geo:
    // 1. Alès (44.1249, 4.0808) → Nîmes (43.8338, 4.3596): 39.31 km great circle; road × 1.3 = 51.10 km;
    //    petrol car 223.4 g per vehicle-km shared by 2 = 111.7 g/km; 51.10 × 111.7 = 5708 g; at 100 €/t, 57 cents.
    // 2. Nîmes → Paris (48.8534, 2.3488): 579.05 km; rail × 1.2 = 694.85 km, domestic over 200 km:
    //    TGV 3.3 g/pkm; 694.85 × 3.3 = 2293 g; 22.93 → 23 cents.
    // 3. Paris → Brussels (50.8505, 4.3488): 264.31 km; air + 95 km = 359.31 km, under 1000 km: short-haul
    //    with contrails 258.6 g/pkm; 359.31 × 258.6 = 92919 g; 929.19 → 929 cents. Train time: 264.31 × 1.2
    //    = 317.2 rail-km abroad, 0.5 h + 317.2 / 120 = 3.14 h < 4 h: justification required.
    // Totals: 5708 + 2293 + 92919 = 100920 g; 57 + 23 + 929 = 1009 cents.
    expect(declared.value.estimate).toMatchObject({ emissionsGrams: 100920, contributionCents: 1009 });

    const rows = await db
      .selectFrom('trip_leg')
      .selectAll()
      .where('trip_id', '=', declared.value.tripId)
      .orderBy('position')
      .execute();
    expect(
      rows.map((r) => [r.position, r.from_name, r.to_name, r.mode, r.passengers, r.emissions_g, r.train_verdict]),
    ).toEqual([
      [0, 'Alès', 'Nîmes', 'car_thermal', 2, 5708, 'not_applicable'],
      [1, 'Nîmes', 'Paris', 'train_high_speed', 1, 2293, 'not_applicable'],
      [2, 'Paris', 'Brussels', 'plane', 1, 92919, 'justification_required'],
    ]);
    expect(rows.map((r) => [r.distance_m, r.factor_key, r.contribution_cents, r.price_cents_per_tonne])).toEqual([
      [51105, 'car.thermal', 57, 10000],
      [694855, 'train.tgv', 23, 10000],
      [359315, 'plane.short', 929, 10000],
    ]);
    expect(rows[2]).toMatchObject({ to_country: 'BE', cabin_class: 'economy', train_hours_milli: 3143 });

    const trip = await getTrip(db, pilot, declared.value.tripId);
    expect(trip).toMatchObject({
      tripDate: '2032-05-10',
      purpose: 'Réunion de projet européen',
      justification: 'Retour le soir même pour un jury',
      emissionsGrams: 100920,
      contributionCents: 1009,
    });
    expect(trip?.legs.map((l) => l.position)).toEqual([0, 1, 2]);
    const summary = (await listTrips(db, pilot)).find((t) => t.id === declared.value.tripId);
    expect(summary).toMatchObject({ fromName: 'Alès', toName: 'Brussels', emissionsGrams: 100920 });

    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value'])
      .where('entity_type', '=', 'trip')
      .where('entity_id', '=', declared.value.tripId)
      .execute();
    expect(Object.fromEntries(audit.map((a) => [a.field, a.after_value]))).toMatchObject({
      legs: '3',
      mode: 'car_thermal, train_high_speed, plane',
      emissions_g: '100920',
    });
  });

  test('a leg whose place is not resolved refuses the mission, names the leg and brings its candidates', async () => {
    const { db } = get();
    const before = await countTrips();
    const mission = aMissionToBrussels({
      legs: [
        leg('Alès', 'Nîmes', 'car_thermal'),
        leg('Nîmes', 'Xyzzyville', 'train_regional'),
        leg('Paris', 'Valencia', 'plane'),
      ],
    });
    const refused = await declareTrip(db, pilot, mission);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'travel.estimate.placeNotResolved' },
      legIndex: 1,
      from: { status: 'resolved' },
      to: { status: 'unknown', candidates: [] },
    });
    // Every leg's outcome comes back, so a form can show them all: Valencia is ambiguous (Spain, Venezuela...).
    if (refused.ok || !('legs' in refused)) throw new Error('expected a refusal with the legs');
    expect(refused.legs.map((l) => l.ok)).toEqual([true, false, false]);
    const third = refused.legs[2];
    if (third.ok) throw new Error('Valencia should not be resolved');
    expect(third.to.status).toBe('review');
    expect(third.to.candidates.map((c) => c.country)).toContain('ES');
    expect(await countTrips()).toBe(before);
  });

  test('one flight leg the train-first rule asks to justify is enough to require a justification', async () => {
    const { db } = get();
    const before = await countTrips();
    const trainThenFlight = aMissionToBrussels({
      justification: undefined,
      legs: [leg('Alès', 'Nîmes', 'train_regional'), leg('Nîmes', 'Paris', 'plane')],
    });
    const refused = await declareTrip(db, pilot, trainThenFlight);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'travel.trips.error.justificationRequired' },
      estimate: {
        justificationRequired: true,
        legs: [{ trainFirst: { verdict: 'not_applicable' } }, { trainFirst: { verdict: 'justification_required' } }],
      },
    });
    expect(await countTrips()).toBe(before);

    // A long flight (Paris → Montréal, ~5,500 km: days by train) asks for none, whatever the other legs.
    const longFlight = await declareTrip(
      db,
      pilot,
      aMissionToBrussels({
        justification: undefined,
        legs: [leg('Alès', 'Paris', 'train_high_speed'), leg('CDG', 'YUL', 'plane')],
      }),
    );
    if (!longFlight.ok) throw new Error(longFlight.error.code);
    expect(longFlight.value.estimate.justificationRequired).toBe(false);
    expect(longFlight.value.estimate.legs[1].trainFirst.verdict).toBe('ok');
  });

  test('a leg with its own date is priced at the carbon price of its year', async () => {
    const { db } = get();
    const priced = await setCarbonPrice(db, admin, 2033, 200);
    if (!priced.ok) throw new Error(priced.error.code);
    const estimate = await estimateTripToDeclare(
      db,
      pilot,
      aMissionToBrussels({
        date: '2032-12-30',
        legs: [
          leg('Nîmes', 'Paris', 'train_high_speed'),
          leg('Paris', 'Nîmes', 'train_high_speed', { date: '2033-01-02' }),
        ],
      }),
    );
    if (!estimate.ok) throw new Error(estimate.error.code);
    // 2293 g each way (see above): 22.93 → 23 cents at 100 €/t in 2032, 45.86 → 46 cents at 200 €/t in 2033.
    expect(estimate.value.legs.map((l) => [l.input.date, l.price.pricePerTonneEuros, l.contributionCents])).toEqual([
      ['2032-12-30', 100, 23],
      ['2033-01-02', 200, 46],
    ]);
    expect(estimate.value.contributionCents).toBe(69);
  });

  test('the trip is charged to the traveller’s unit unless another unit of the institution is chosen', async () => {
    const { db } = get();
    const options = await tripFormOptions(db, pilot);
    expect(options.units.length).toBeGreaterThan(1);
    expect(options.defaultUnitId).toEqual(expect.any(String));
    const own = await declareTrip(db, pilot, aMissionToBrussels());
    if (!own.ok) throw new Error(own.error.code);
    expect((await getTrip(db, pilot, own.value.tripId))?.unitId).toBe(options.defaultUnitId);

    const other = options.units.find((u) => u.id !== options.defaultUnitId);
    if (!other) throw new Error('no other unit in the demo');
    const chosen = await declareTrip(db, pilot, aMissionToBrussels({ unitId: other.id }));
    if (!chosen.ok) throw new Error(chosen.error.code);
    expect(await getTrip(db, pilot, chosen.value.tripId)).toMatchObject({ unitId: other.id, unitName: other.name });

    const before = await countTrips();
    expect(await declareTrip(db, pilot, aMissionToBrussels({ unitId: 'not-a-unit' }))).toEqual({
      ok: false,
      error: { code: 'travel.trips.error.unknownUnit' },
    });
    expect(await countTrips()).toBe(before);
  });

  test('a justified flight is stored with the figures of its estimate and an audit event', async () => {
    const { db } = get();
    const input = aFlightToCdg();
    const declared = await declareTrip(db, pilot, input);
    if (!declared.ok) throw new Error(declared.error.code);
    const estimate = await estimateTrip({ ...input, methodKey: input.method });
    if (!estimate.ok) throw new Error(estimate.error.code);
    const { leg } = estimate.value;

    const stored = await db
      .selectFrom('trip_leg')
      .selectAll()
      .where('trip_id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      position: 0,
      from_name: 'Alès',
      from_country: 'FR',
      mode: 'plane',
      round_trip: 1,
      method_key: 'ges1point5',
      method_version: leg.methodVersion,
      factor_key: leg.factor.key,
      factor_source: leg.factor.source,
      factor_value_milli: Math.round(leg.factor.value * 1000),
      emissions_g: leg.emissionsGrams,
      distance_m: Math.round(leg.distanceKm * 1000),
      great_circle_m: Math.round(leg.greatCircleKm * 1000),
      train_verdict: 'justification_required',
      contribution_cents: estimate.value.contributionCents,
    });
    expect(Math.round(stored.distance_m / 100) / 10).toBe(1301.9);
    expect(JSON.parse(stored.steps_json)).toEqual(leg.steps);

    const trip = await getTrip(db, pilot, declared.value.tripId);
    expect(trip).toMatchObject({
      tripDate: '2026-03-12',
      category: 'staff',
      status: 'declared',
      justification: 'Correspondance vers un vol international',
      emissionsGrams: leg.emissionsGrams,
    });
    expect(trip?.legs[0].steps.map((s) => s.code)).toEqual(leg.steps.map((s) => s.code));

    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'actor_user_id'])
      .where('entity_type', '=', 'trip')
      .where('entity_id', '=', declared.value.tripId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toEqual({ operation: 'create', actor_user_id: pilot.id });
  });

  test('a flight the train-first rule asks to justify is refused without a justification, and nothing is stored', async () => {
    const { db } = get();
    const before = await countTrips();
    expect(await declareTrip(db, pilot, aFlightToCdg({ justification: undefined }))).toMatchObject({
      ok: false,
      error: { code: 'travel.trips.error.justificationRequired' },
      estimate: { justificationRequired: true, legs: [{ trainFirst: { verdict: 'justification_required' } }] },
    });
    expect(await countTrips()).toBe(before);
  });

  test('a place that is not resolved is refused, and nothing is stored', async () => {
    const { db } = get();
    const before = await countTrips();
    expect(await declareTrip(db, pilot, aFlightToCdg({ from: 'Xyzzyville' }))).toMatchObject({
      ok: false,
      error: { code: 'travel.estimate.placeNotResolved' },
      from: { status: 'unknown' },
      to: { status: 'resolved' },
    });
    expect(await countTrips()).toBe(before);
  });

  test('the stored traveller key is a pseudonym, neither the user id nor the name', async () => {
    const { db } = get();
    const declared = await declareTrip(
      db,
      viewer,
      aFlightToCdg({ mode: 'train_high_speed', justification: undefined }),
    );
    if (!declared.ok) throw new Error(declared.error.code);
    const trip = await db
      .selectFrom('trip')
      .selectAll()
      .where('id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(trip.traveller_key).toBe(travellerKeyOf(viewer.institutionId, viewer.id));
    expect(trip.traveller_key).toMatch(/^[0-9a-f]{64}$/);
    expect(trip.traveller_key).not.toContain(viewer.id);
    expect(trip.traveller_key).not.toContain(viewer.displayName);
    expect(trip.declared_by).toBe(viewer.id);
    expect(Object.values(trip)).not.toContain(viewer.displayName);
  });

  test('a pilot cannot read another user’s trip, and lists only their own', async () => {
    const { db } = get();
    const declared = await declareTrip(
      db,
      viewer,
      aFlightToCdg({ mode: 'train_high_speed', justification: undefined }),
    );
    if (!declared.ok) throw new Error(declared.error.code);
    expect(await getTrip(db, pilot, declared.value.tripId)).toBeUndefined();
    expect(await getTrip(db, pilot, 'no-such-trip')).toBeUndefined();
    const mine = await listTrips(db, pilot);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((t) => t.id)).not.toContain(declared.value.tripId);
  });

  test('the admin reads and lists every trip of the institution, newest first, with totals', async () => {
    const { db } = get();
    const older = await declareTrip(db, pilot, aFlightToCdg({ date: '2025-01-05' }));
    if (!older.ok) throw new Error(older.error.code);
    const all = await listTrips(db, admin);
    expect(all.length).toBe(await countTrips());
    expect(all.at(-1)?.id).toBe(older.value.tripId);
    const dates = all.map((t) => t.tripDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const trip = await getTrip(db, admin, older.value.tripId);
    expect(trip?.declaredByMe).toBe(false);
    const summary = all.find((t) => t.id === older.value.tripId);
    expect(summary).toMatchObject({
      fromName: 'Alès',
      emissionsGrams: trip?.emissionsGrams,
      contributionCents: trip?.contributionCents,
    });
    expect(summary?.emissionsGrams).toBeGreaterThan(0);
  });

  test('the admin lists the flights the train-first rule flagged, with their justification; a pilot is refused', async () => {
    const { db } = get();
    const flight = await declareTrip(db, pilot, aFlightToCdg({ date: '2026-04-02' }));
    if (!flight.ok) throw new Error(flight.error.code);
    const train = await declareTrip(
      db,
      pilot,
      aFlightToCdg({ date: '2026-04-03', mode: 'train_high_speed', justification: undefined }),
    );
    if (!train.ok) throw new Error(train.error.code);

    const listed = await listTrainFirstFlags(db, admin);
    if (!listed.ok) throw new Error(listed.error.code);
    const ids = listed.value.map((f) => f.tripId);
    expect(ids).toContain(flight.value.tripId);
    expect(ids).not.toContain(train.value.tripId);
    expect(listed.value.find((f) => f.tripId === flight.value.tripId)).toMatchObject({
      tripDate: '2026-04-02',
      fromName: 'Alès',
      mode: 'plane',
      verdict: 'justification_required',
      justification: 'Correspondance vers un vol international',
      purpose: 'Colloque',
    });
    expect(listed.value.every((f) => f.verdict === 'justification_required' || f.verdict === 'flagged')).toBe(true);
    const dates = listed.value.map((f) => f.tripDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(flight.value.estimate.legs[0].trainFirst.verdict).toBe('justification_required');

    expect(await listTrainFirstFlags(db, pilot)).toEqual({
      ok: false,
      error: { code: 'travel.trips.flags.error.forbidden' },
    });
  });
});
