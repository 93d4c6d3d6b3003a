import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { readGes1point5File } from './ges1point5-file';
import { declareTrip, getTrip } from './trips.service';
import { exportTrips } from './trips-export';

describeEachDialect('each leg keeps its own day', (get) => {
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('a leg dated apart is stored, shown and exported with its date; the other takes the mission date', async () => {
    const { db } = get();
    const declared = await declareTrip(db, pilot, {
      date: '2026-09-14',
      category: 'staff',
      purpose: 'Jury',
      method: 'ges1point5',
      contrails: true,
      legs: [
        { from: 'Alès', to: 'Lyon', mode: 'train_high_speed', roundTrip: false, passengers: 1 },
        { from: 'Lyon', to: 'Alès', mode: 'train_high_speed', roundTrip: false, passengers: 1, date: '2026-09-16' },
      ],
    });
    if (!declared.ok) throw new Error(declared.error.code);
    const stored = await db
      .selectFrom('trip_leg')
      .select(['position', 'leg_date'])
      .where('trip_id', '=', declared.value.tripId)
      .orderBy('position')
      .execute();
    expect(stored).toEqual([
      { position: 0, leg_date: '2026-09-14' },
      { position: 1, leg_date: '2026-09-16' },
    ]);
    expect((await getTrip(db, pilot, declared.value.tripId))?.legs.map((l) => l.date)).toEqual([
      '2026-09-14',
      '2026-09-16',
    ]);

    const file = await exportTrips(db, pilot, 'ges1point5', { locale: 'fr' });
    const read = readGes1point5File(file.bytes, file.filename);
    if (!read.ok) throw new Error(read.error.code);
    // The GES 1point5 export leaves the purpose out; this suite declares no other trip in September 2026.
    const legs = read.rows.flatMap((r) => (r.leg ? [r.leg] : [])).filter((l) => l.date.startsWith('2026-09'));
    expect(legs.map((l) => [l.fromCity, l.date])).toEqual([
      ['Alès', '2026-09-14'],
      ['Lyon', '2026-09-16'],
    ]);
  });
});
