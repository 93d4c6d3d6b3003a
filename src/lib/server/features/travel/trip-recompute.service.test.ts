import { beforeAll, expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { updateTravelSettings } from './travel-settings.service';
import { recomputeInstitutionTrips } from './trip-recompute.service';
import { declareTrip } from './trips.service';

/** More legs than one update statement takes on either dialect (1,000 on PostgreSQL, 2,000 on SQLite). */
const COPIES = 2100;

describeEachDialect('recomputation at scale and across institutions', (get) => {
  let admin: SessionUser;
  let otherInstitution = '';

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    const pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    const declared = await declareTrip(db, pilot, {
      from: 'Alès',
      to: 'Lyon',
      mode: 'train_high_speed',
      roundTrip: true,
      passengers: 1,
      method: 'ges1point5',
      contrails: true,
      date: '2026-02-10',
      category: 'staff',
    });
    if (!declared.ok) throw new Error(declared.error.code);
    const leg = await db.selectFrom('trip_leg').selectAll().executeTakeFirstOrThrow();
    const trip = await db.selectFrom('trip').selectAll().executeTakeFirstOrThrow();
    // One trip of the demo institution with COPIES legs, and one trip of another institution.
    const bigTrip = { ...trip, id: newId() };
    await db.insertInto('trip').values(bigTrip).execute();
    const copies = Array.from({ length: COPIES }, (_, i) => ({
      ...leg,
      id: newId(),
      trip_id: bigTrip.id,
      position: i,
    }));
    for (let i = 0; i < copies.length; i += 500) {
      await db
        .insertInto('trip_leg')
        .values(copies.slice(i, i + 500))
        .execute();
    }
    otherInstitution = newId();
    await db
      .insertInto('institution')
      .values({
        id: otherInstitution,
        slug: 'autre',
        name: 'Autre école',
        purpose_statement: null,
        ambition: null,
        values_text: null,
        created_at: nowIso(),
      })
      .execute();
    const otherTrip = { ...trip, id: newId(), institution_id: otherInstitution, unit_id: null, declared_by: null };
    await db.insertInto('trip').values(otherTrip).execute();
    await db
      .insertInto('trip_leg')
      .values({ ...leg, id: newId(), trip_id: otherTrip.id })
      .execute();
  });

  test('every leg of the institution is rewritten, however many statements it takes; another institution is untouched', async () => {
    const { db } = get();
    const result = await updateTravelSettings(db, admin, {
      methodKey: 'ademe-base-empreinte-2025',
      contrails: true,
      justifyUnderMinutes: 240,
      flagUnderMinutes: 360,
      nameTravellers: false,
    });
    if (!result.ok) throw new Error(result.error.code);
    // 456.8 km x 3.3 g/pkm = 1,507 g each under GES 1point5; x 2.93 g/pkm = 1,338 g under ADEME.
    expect(result.value.recompute).toMatchObject({
      legsExamined: COPIES + 1,
      legsChanged: COPIES + 1,
      emissionsBeforeG: 1507 * (COPIES + 1),
      emissionsAfterG: 1338 * (COPIES + 1),
    });
    const byInstitution = await db
      .selectFrom('trip_leg')
      .innerJoin('trip', 'trip.id', 'trip_leg.trip_id')
      .select(['trip.institution_id', 'trip_leg.method_key', 'trip_leg.emissions_g'])
      .select((eb) => eb.fn.countAll<number>().as('legs'))
      .groupBy(['trip.institution_id', 'trip_leg.method_key', 'trip_leg.emissions_g'])
      .execute();
    expect(byInstitution.map((r) => ({ ...r, legs: Number(r.legs) })).sort((a, b) => b.legs - a.legs)).toEqual([
      {
        institution_id: admin.institutionId,
        method_key: 'ademe-base-empreinte-2025',
        emissions_g: 1338,
        legs: COPIES + 1,
      },
      { institution_id: otherInstitution, method_key: 'ges1point5', emissions_g: 1507, legs: 1 },
    ]);
  });

  test('small pages reach every trip: the pages follow trip ids to the end', async () => {
    const { db } = get();
    await db.updateTable('trip_leg').set({ method_version: 'former' }).execute();
    const run = await recomputeInstitutionTrips(db, {
      institutionId: admin.institutionId,
      actor: null,
      reason: 'factor_set',
      pageSize: 1,
    });
    expect(run).toMatchObject({ legsExamined: COPIES + 1, legsChanged: COPIES + 1 });
  });
});
