import { expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { getTravelDashboard } from './travel-dashboard.service';

describeEachDialect('the demo trips', (get) => {
  test('the demo loads its trips only when asked, through the import, and fills two years of the dashboard', async () => {
    const { db } = get();
    expect(await loadDemoIfEmpty(db, { password: 'demo-password-123', trips: true })).toBe(true);
    const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    // data/demo/imt-mines-ales-trips.tsv: 55 missions, 77 rows; every trip is the admin's.
    const trips = await db.selectFrom('trip').select(['declared_by', 'mission_ref']).execute();
    expect(trips).toHaveLength(55);
    expect(new Set(trips.map((t) => t.declared_by))).toEqual(new Set([admin.id]));
    expect(await db.selectFrom('trip_leg').select('id').execute()).toHaveLength(77);

    const d = await getTravelDashboard(db, admin);
    // Missions 28 to 55 leave in 2025 (38 rows); 12 of them are flights.
    expect(d.year).toBe(2025);
    expect(d.years).toEqual([2025, 2024]);
    expect(d.totals).toMatchObject({ trips: 28, legs: 38 });
    expect(d.byMode.find((m) => m.mode === 'plane')).toMatchObject({ legs: 12, trips: 7 });
    // Twelve purposes in 2025: ten named, two as "other", and one mission without a purpose.
    expect(d.byPurpose.map((p) => p.purpose.kind)).toEqual([...Array(10).fill('purpose'), 'other', 'none']);
    const last = await getTravelDashboard(db, admin, { year: 2024 });
    expect(last.totals).toMatchObject({ trips: 27, legs: 39 });
  });
});
