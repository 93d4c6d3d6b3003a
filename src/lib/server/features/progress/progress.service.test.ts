import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import {
  getIndicatorProgress,
  getInstitutionProgress,
  getPlanProgress,
  getProgressSettings,
  updateProgressSettings,
} from './progress.service';

const TODAY = '2025-06-15';

async function addValue(db: Kysely<DB>, indicatorId: string, year: number, valueMilli: number, state = 'validated') {
  await db
    .insertInto('indicator_value')
    .values({
      id: newId(),
      indicator_id: indicatorId,
      period: String(year),
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      version: 1,
      is_current: 1,
      value_milli: valueMilli,
      value_text: null,
      state,
      entered_by_label: 'test',
      entered_at: `${year + 1}-01-10T10:00:00.000Z`,
      is_demo: 0,
    })
    .execute();
}

describeEachDialect('progress of the demo plan', (get) => {
  let institutionId = '';
  let planId = '';
  let trained = '';
  let fossil = '';
  let launched = '';
  let admin: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    const plan = await db
      .selectFrom('plan')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('kind', '=', 'multi_year')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const picked = await db
      .selectFrom('indicator')
      .select('id')
      .where('plan_id', '=', planId)
      .where('action_id', 'is not', null)
      .orderBy('position')
      .limit(3)
      .execute();
    [trained, fossil, launched] = picked.map((p) => p.id);
    // Whatever values the demo may carry, these three start from a clean, known definition.
    await db.deleteFrom('indicator_value').where('indicator_id', 'in', [trained, fossil, launched]).execute();
    const yearly = { periodicity: 'year', baseline_date: '2022-12-31', target_date: '2026-12-31' };
    await db
      .updateTable('indicator')
      .set({
        ...yearly,
        direction: 'increase',
        kind: 'percentage',
        baseline_value_milli: 0,
        target_value_milli: 100_000,
      })
      .where('id', '=', trained)
      .execute();
    await db
      .updateTable('indicator')
      .set({
        ...yearly,
        direction: 'decrease',
        kind: 'number',
        baseline_value_milli: 100_000,
        target_value_milli: 80_000,
      })
      .where('id', '=', fossil)
      .execute();
    await db
      .updateTable('indicator')
      .set({
        ...yearly,
        direction: 'milestone',
        kind: 'milestone',
        baseline_value_milli: null,
        target_value_milli: null,
      })
      .where('id', '=', launched)
      .execute();
    await addValue(db, trained, 2023, 20_000);
    await addValue(db, trained, 2024, 50_000, 'submitted');
    // A draft never counts.
    await addValue(db, fossil, 2023, 99_000);
    await addValue(db, fossil, 2024, 70_000, 'draft');
    await addValue(db, launched, 2024, 0, 'returned');
  });

  test('computes each indicator from its submitted and validated values only', async () => {
    const progress = await getPlanProgress(get().db, institutionId, planId, TODAY);
    const byId = new Map(progress?.indicators.map((i) => [i.id, i]));
    expect(byId.get(trained)).toMatchObject({ status: 'on_track', latest: { period: '2024', value: 50 } });
    expect(byId.get(trained)?.explanation.map((l) => l.code)).toContain('progress.explain.notValidated');
    // 1 % down after a year when 25 % of the way was expected by the end of 2023: late.
    expect(byId.get(fossil)).toMatchObject({ status: 'late', latest: { period: '2023', value: 99 } });
    expect(byId.get(launched)).toMatchObject({ status: 'no_data', reason: 'progress.reason.noValue' });
  });

  test('rolls up to the plan, its workstreams and objectives with counts, and lists overdue updates', async () => {
    const progress = await getPlanProgress(get().db, institutionId, planId, TODAY);
    if (!progress) throw new Error('no plan progress');
    expect(progress.plan.id).toBe(planId);
    expect(progress.plan.indicatorCount).toBe(progress.indicators.length);
    expect(progress.statusCounts.on_track).toBeGreaterThanOrEqual(1);
    expect(progress.statusCounts.late).toBeGreaterThanOrEqual(1);
    const total = Object.values(progress.statusCounts).reduce((a, b) => a + b, 0);
    expect(total).toBe(progress.indicators.length);
    // The worst status with data (late), unless more than half of the indicators have no data.
    expect(progress.plan.status).toBe(progress.statusCounts.no_data * 2 > total ? 'no_data' : 'late');
    const withTrained = progress.workstreams.find((w) => w.statusCounts.on_track > 0);
    expect(withTrained).toBeDefined();
    expect(progress.objectives.some((o) => o.indicatorCount > 0)).toBe(true);
    // Fossil has no 2024 value (only a draft) although it was due by 30 January 2025.
    expect(progress.overdue.find((i) => i.id === fossil)?.overdue).toEqual({
      period: '2024',
      dueDate: '2025-01-30',
      daysLate: 136,
    });
    expect(progress.overdue.some((i) => i.id === trained)).toBe(false);
  });

  test('gives one indicator its chart series and refuses another institution', async () => {
    const page = await getIndicatorProgress(get().db, institutionId, trained, TODAY);
    expect(page?.indicator.status).toBe('on_track');
    expect(page?.series.map((p) => [p.period, p.value, p.state])).toEqual([
      ['2022', null, null],
      ['2023', 20, 'validated'],
      ['2024', 50, 'submitted'],
      ['2025', null, null],
      ['2026', null, null],
    ]);
    expect(page?.series.at(-1)).toMatchObject({ expected: 100, target: 100 });
    expect(await getIndicatorProgress(get().db, 'another-institution', trained, TODAY)).toBeUndefined();
    expect(await getPlanProgress(get().db, 'another-institution', planId, TODAY)).toBeUndefined();
  });

  test('covers every plan of the institution at once', async () => {
    const all = await getInstitutionProgress(get().db, institutionId, TODAY);
    expect(all.plans).toHaveLength(2);
    expect(all.indicators.some((i) => i.id === fossil)).toBe(true);
  });

  test('uses defaults until the officer saves thresholds, which are then applied and kept in the history', async () => {
    const { db } = get();
    expect(await getProgressSettings(db, institutionId)).toMatchObject({
      onTrackMinMilli: 900,
      atRiskMinMilli: 600,
      graceDays: 30,
      saved: false,
    });
    const saved = await updateProgressSettings(db, admin, {
      onTrackMinMilli: 1000,
      atRiskMinMilli: 500,
      graceDays: 10,
    });
    expect(saved).toEqual({ ok: true, value: { changed: 3 } });
    expect(await getProgressSettings(db, institutionId)).toMatchObject({ onTrackMinMilli: 1000, saved: true });
    const history = await listAuditForEntity(db, 'progress_setting', institutionId);
    expect(history.map((h) => [h.operation, h.field, h.before, h.after]).sort()).toEqual([
      ['create', 'at_risk_min_milli', '600', '500'],
      ['create', 'grace_days', '30', '10'],
      ['create', 'on_track_min_milli', '900', '1000'],
    ]);
    // 50 % covered when 50.03 % was expected is now just short of on track.
    const progress = await getPlanProgress(db, institutionId, planId, TODAY);
    expect(progress?.indicators.find((i) => i.id === trained)?.status).toBe('at_risk');

    expect(
      await updateProgressSettings(db, admin, { onTrackMinMilli: 1000, atRiskMinMilli: 500, graceDays: 10 }),
    ).toEqual({ ok: true, value: { changed: 0 } });
    await updateProgressSettings(db, admin, { onTrackMinMilli: 900, atRiskMinMilli: 600, graceDays: 30 });
    expect(
      (await listAuditForEntity(db, 'progress_setting', institutionId)).filter((h) => h.operation === 'update'),
    ).toHaveLength(3);
  });

  test('only the officer changes the thresholds, and they must stay in order', async () => {
    const { db } = get();
    const pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    expect(
      await updateProgressSettings(db, pilot, { onTrackMinMilli: 800, atRiskMinMilli: 500, graceDays: 5 }),
    ).toEqual({
      ok: false,
      error: { code: 'progress.settings.forbidden' },
    });
    expect(
      await updateProgressSettings(db, admin, { onTrackMinMilli: 500, atRiskMinMilli: 800, graceDays: 5 }),
    ).toEqual({
      ok: false,
      error: { code: 'progress.settings.error.invalid' },
    });
    expect((await getProgressSettings(db, institutionId)).onTrackMinMilli).toBe(900);
  });
});
