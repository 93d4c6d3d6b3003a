import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { CARBON_METHODS } from './methods';
import { listPlaceReviews } from './place-review.service';
import { updateTravelSettings } from './travel-settings.service';
import { declareTrip, getTrip } from './trips.service';

/**
 * A declaration is computed with the institution's settings, whatever the
 * input asks; the places it cannot settle go to the review list; the
 * traveller is named only when the institution chose so.
 */
describeEachDialect("declarations follow the institution's travel settings", (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  const aFlight = {
    from: 'Montpellier',
    to: 'Paris',
    mode: 'plane' as const,
    roundTrip: false,
    passengers: 1,
    // Asked, and ignored: the institution decides.
    method: 'ges1point5' as const,
    contrails: true,
    date: '2026-04-02',
    category: 'staff' as const,
    justification: 'Correspondance',
  };

  test('ADEME without contrails and a 2 h rule: the stored leg says so; the name is kept when chosen', async () => {
    const { db } = get();
    const saved = await updateTravelSettings(db, admin, {
      methodKey: 'ademe-base-empreinte-2025',
      contrails: false,
      justifyUnderMinutes: 120,
      flagUnderMinutes: 180,
      nameTravellers: true,
    });
    if (!saved.ok) throw new Error(saved.error.code);
    const declared = await declareTrip(db, pilot, aFlight);
    if (!declared.ok) throw new Error(declared.error.code);
    const leg = await db
      .selectFrom('trip_leg')
      .selectAll()
      .where('trip_id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(leg).toMatchObject({
      method_key: 'ademe-base-empreinte-2025',
      method_version: CARBON_METHODS['ademe-base-empreinte-2025'].version,
      contrails: 0,
    });
    // Montpellier → Paris by train is estimated at 4.1 h: over both thresholds (2 h and 3 h), so no flag.
    expect(leg.train_verdict).toBe('ok');
    const trip = await db
      .selectFrom('trip')
      .select('traveller_label')
      .where('id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(trip.traveller_label).toBe(pilot.displayName);
    expect((await getTrip(db, admin, declared.value.tripId))?.travellerLabel).toBe(pilot.displayName);
  });

  test('back to the defaults: GES 1point5 with contrails, the 4 h / 6 h rule, pseudonym only', async () => {
    const { db } = get();
    const saved = await updateTravelSettings(db, admin, {
      methodKey: 'ges1point5',
      contrails: true,
      justifyUnderMinutes: 240,
      flagUnderMinutes: 360,
      nameTravellers: false,
    });
    if (!saved.ok) throw new Error(saved.error.code);
    const declared = await declareTrip(db, pilot, {
      ...aFlight,
      method: 'ademe-base-empreinte-2025',
      contrails: false,
    });
    if (!declared.ok) throw new Error(declared.error.code);
    const leg = await db
      .selectFrom('trip_leg')
      .select(['method_key', 'contrails', 'train_verdict'])
      .where('trip_id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    // 4.1 h by train: over 4 h, under 6 h, so flagged (not to be justified) under the default rule.
    expect(leg).toEqual({ method_key: 'ges1point5', contrails: 1, train_verdict: 'flagged' });
    const trip = await db
      .selectFrom('trip')
      .select('traveller_label')
      .where('id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(trip.traveller_label).toBeNull();
  });

  test('a declaration refused for an uncertain place lists it for review, once', async () => {
    const { db } = get();
    for (let i = 0; i < 2; i++) {
      const refused = await declareTrip(db, pilot, { ...aFlight, from: 'Villeneuve', mode: 'train_regional' });
      expect(refused.ok).toBe(false);
    }
    const listed = await listPlaceReviews(db, admin);
    if (!listed.ok) throw new Error(listed.error.code);
    expect(listed.value.open.filter((r) => r.text === 'Villeneuve')).toMatchObject([{ occurrences: 2 }]);
  });
});
