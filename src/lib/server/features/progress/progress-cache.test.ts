import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { recordValue, submitValue, validateValue } from '../indicators';
import { getPlanProgress, updateProgressSettings } from './progress.service';

const TODAY = '2026-03-01';

describeEachDialect('progress reports are reused until something changes', (get) => {
  let admin: SessionUser;
  let planId = '';
  let indicatorId = '';

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    const plan = await db.selectFrom('plan').select('id').where('start_year', '=', 2023).executeTakeFirstOrThrow();
    planId = plan.id;
    const indicator = await db
      .selectFrom('indicator')
      .select('id')
      .where('plan_id', '=', planId)
      .where('name', '=', 'Nb de personnes ayant suivi la formation')
      .executeTakeFirstOrThrow();
    indicatorId = indicator.id;
  });

  test('a second read with nothing written gives the same report without recomputing it', async () => {
    const { db } = get();
    const first = await getPlanProgress(db, admin.institutionId, planId, TODAY);
    expect(await getPlanProgress(db, admin.institutionId, planId, TODAY)).toBe(first);
    // Another day is another report.
    expect(await getPlanProgress(db, admin.institutionId, planId, '2026-03-02')).not.toBe(first);
  });

  test('new thresholds are seen at once', async () => {
    const { db } = get();
    const before = await getPlanProgress(db, admin.institutionId, planId, TODAY);
    expect(before?.settings.onTrackMinMilli).toBe(900);
    await updateProgressSettings(db, admin, { onTrackMinMilli: 990, atRiskMinMilli: 600, graceDays: 30 });
    const after = await getPlanProgress(db, admin.institutionId, planId, TODAY);
    expect(after?.settings.onTrackMinMilli).toBe(990);
    await updateProgressSettings(db, admin, { onTrackMinMilli: 900, atRiskMinMilli: 600, graceDays: 30 });
  });

  test('a value entered, submitted and validated changes the indicator at each step that counts', async () => {
    const { db } = get();
    const latestOf = async () =>
      (await getPlanProgress(db, admin.institutionId, planId, TODAY))?.indicators.find((i) => i.id === indicatorId)
        ?.latest;
    expect((await latestOf())?.period).toBe('2025');
    const recorded = await recordValue(db, admin, { indicatorId, period: '2026', value: '140' });
    expect(recorded.ok).toBe(true);
    // A draft does not count yet.
    expect((await latestOf())?.period).toBe('2025');
    expect((await submitValue(db, admin, { indicatorId, period: '2026', expectedVersion: 1 })).ok).toBe(true);
    expect(await latestOf()).toMatchObject({ period: '2026', value: 140 });
    expect((await validateValue(db, admin, { indicatorId, period: '2026', expectedVersion: 1 })).ok).toBe(true);
    expect(await latestOf()).toMatchObject({ period: '2026', value: 140, state: 'validated' });
  });
});
