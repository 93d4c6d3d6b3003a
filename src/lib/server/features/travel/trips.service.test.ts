import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { estimateTrip } from './estimate.service';
import { type DeclareTripInput, travellerKeyOf } from './trips';
import { declareTrip, getTrip, listTrainFirstFlags, listTrips } from './trips.service';

/** Alès → Paris-CDG by plane, round trip: under 4 h by train, so the train-first rule asks for a justification. */
function aFlightToCdg(overrides: Partial<DeclareTripInput> = {}): DeclareTripInput {
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
      estimate: { trainFirst: { verdict: 'justification_required' } },
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
    expect(flight.value.estimate.trainFirst.verdict).toBe('justification_required');

    expect(await listTrainFirstFlags(db, pilot)).toEqual({
      ok: false,
      error: { code: 'travel.trips.flags.error.forbidden' },
    });
  });
});
