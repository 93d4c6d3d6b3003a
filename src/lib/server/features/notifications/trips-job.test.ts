import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { CARBON_METHODS, declareTrip } from '../travel';
import { runDueJobs } from './jobs';
import { RECOMPUTE_TRIPS_JOB, scheduleTripsRecompute, tripsJobHandlers } from './trips-job';

describeEachDialect('daily recomputation of trips on an outdated factor set', (get) => {
  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
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
  });

  test('is queued once a day and brings a leg of a former version to the current one, as the system', async () => {
    const { db } = get();
    // A leg computed before the shipped factor set was published.
    await db.updateTable('trip_leg').set({ method_version: '2019-former' }).execute();
    const now = new Date('2026-04-06T00:30:00Z');
    await Promise.all([scheduleTripsRecompute(db, now), scheduleTripsRecompute(db, now)]);
    await scheduleTripsRecompute(db, new Date('2026-04-06T23:00:00Z'));
    const jobs = await db.selectFrom('job').select(['kind', 'dedupe_key']).execute();
    expect(jobs).toEqual([{ kind: RECOMPUTE_TRIPS_JOB, dedupe_key: 'travel.recompute-outdated:2026-04-06' }]);

    expect(await runDueJobs(db, tripsJobHandlers(db), 'worker-a', () => now)).toBe(1);
    const leg = await db.selectFrom('trip_leg').select('method_version').executeTakeFirstOrThrow();
    expect(leg.method_version).toBe(CARBON_METHODS.ges1point5.version);
    const runs = await db
      .selectFrom('travel_recompute')
      .select(['reason', 'actor_user_id', 'actor_label', 'from_method_version', 'legs_changed'])
      .execute();
    expect(runs).toEqual([
      {
        reason: 'factor_set',
        actor_user_id: null,
        actor_label: null,
        from_method_version: '2019-former',
        legs_changed: 1,
      },
    ]);
    const job = await db.selectFrom('job').select('status').executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });
});
