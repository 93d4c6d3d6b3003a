import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import type { DB } from '../../db/schema';
import { describeEachDialect } from '../../testing/databases';
import { findSessionUserById, type SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import {
  createMailer,
  notificationJobHandlers,
  REFRESH_COMPUTED_JOB,
  runDueJobs,
  scheduleRecurringJobs,
} from '../notifications';
import { MAX_REFRESH_PERIODS, refreshComputedValues } from './computed-values';
import { getIndicatorPage, listValueHistory } from './indicator-page.service';
import { endedPeriodsSince, type Period, periodContaining } from './periods';
import type { IndicatorSource } from './sources';
import { returnValue } from './value-review.service';
import { recordValue } from './values.service';

const TODAY = '2026-04-06';
const DEMO_PLAN = 'imt-mines-ales-plan-res-2023-2027.tsv';

/**
 * A real module for the tests: the number of values entered by hand (current
 * versions) for periods starting within the period, in the values' state named
 * by source_key (any state when null). No such value: no figure.
 */
const VALUE_COUNT: IndicatorSource = {
  key: 'test.value-count',
  labelKey: 'indicators.source.manual',
  periodicities: ['year'],
  async compute(db, { institutionId, sourceKey, period }) {
    let query = db
      .selectFrom('indicator_value')
      .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
      .innerJoin('plan', 'plan.id', 'indicator.plan_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan.institution_id', '=', institutionId)
      .where('indicator.source', '=', 'manual')
      .where('indicator_value.is_current', '=', 1)
      .where('indicator_value.period_start', '>=', period.start)
      .where('indicator_value.period_start', '<=', period.end);
    if (sourceKey) query = query.where('indicator_value.state', '=', sourceKey);
    const n = Number((await query.executeTakeFirstOrThrow()).n);
    return n === 0 ? null : n * 1000;
  },
};

const BROKEN: IndicatorSource = {
  key: 'test.broken',
  labelKey: 'indicators.source.manual',
  periodicities: ['year'],
  async compute() {
    throw new Error('module database unreachable');
  },
};

test('the refresh covers the ended periods since the start, the newest 40 at most', () => {
  const labels = (ps: Period[]) => ps.map((p) => p.label);
  expect(labels(endedPeriodsSince('year', '2021-06-30', TODAY, MAX_REFRESH_PERIODS))).toEqual([
    '2021',
    '2022',
    '2023',
    '2024',
    '2025',
  ]);
  expect(labels(endedPeriodsSince('quarter', null, TODAY, MAX_REFRESH_PERIODS))).toEqual(['2026-Q1']);
  expect(labels(endedPeriodsSince('year', '2026-02-01', TODAY, MAX_REFRESH_PERIODS))).toEqual([]);
  const months = endedPeriodsSince('month', '1990-01-01', TODAY, MAX_REFRESH_PERIODS);
  expect([months.length, months[0].label, months[39].label]).toEqual([40, '2022-12', '2026-03']);
});

describeEachDialect('computed indicator values', (get) => {
  let admin: SessionUser;
  let institutionId: string;
  let planStartYear: number;
  /** Demo indicators without values: computed, broken, unregistered, and a manual one whose values feed the count. */
  let computed: string;
  let broken: string;
  let unregistered: string;
  let manual: string;

  const refresh = (sources: readonly IndicatorSource[]) =>
    refreshComputedValues(get().db, { today: TODAY, sources, institutionId });
  const currentValues = (db: Kysely<DB>, indicatorId: string) =>
    db
      .selectFrom('indicator_value')
      .select(['period', 'version', 'value_milli', 'state', 'entered_by', 'entered_by_label', 'change_reason'])
      .where('indicator_id', '=', indicatorId)
      .where('is_current', '=', 1)
      .orderBy('period')
      .execute();
  const countValues = async (db: Kysely<DB>) =>
    Number(
      (
        await db
          .selectFrom('indicator_value')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** What the module says for each ended period of the computed indicator (its baseline is mid-2021). */
  const expectedFigures = async () => {
    const figures = new Map<string, number | null>();
    for (const period of endedPeriodsSince('year', '2021-06-30', TODAY, MAX_REFRESH_PERIODS)) {
      figures.set(period.label, await VALUE_COUNT.compute(get().db, { institutionId, sourceKey: null, period }));
    }
    return figures;
  };

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const plan = await db
      .selectFrom('plan')
      .select(['id', 'institution_id', 'start_year'])
      .where('source_name', '=', DEMO_PLAN)
      .executeTakeFirstOrThrow();
    institutionId = plan.institution_id;
    planStartYear = Number(plan.start_year);
    const empty = await db
      .selectFrom('indicator')
      .select('id')
      .where('plan_id', '=', plan.id)
      .where('id', 'not in', db.selectFrom('indicator_value').select('indicator_id'))
      .orderBy('position')
      .orderBy('id')
      .limit(4)
      .execute();
    [computed, broken, unregistered, manual] = empty.map((i) => i.id);
    const define = (id: string, source: string, baselineDate: string | null) =>
      db
        .updateTable('indicator')
        .set({ source, source_key: null, kind: 'number', periodicity: 'year', baseline_date: baselineDate })
        .where('id', '=', id)
        .execute();
    await define(computed, VALUE_COUNT.key, '2021-06-30');
    await define(broken, BROKEN.key, null);
    await define(unregistered, 'test.unregistered', null);
    await define(manual, 'manual', null);
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'responsable.ddrs@demo.trajectoire.test')
      .executeTakeFirstOrThrow();
    const user = await findSessionUserById(db, row.id);
    if (!user) throw new Error('no demo officer');
    admin = user;
  });

  test('the first refresh writes a validated value for each ended period the module has figures for', async () => {
    const { db } = get();
    const figures = await expectedFigures();
    // The demo's values start in 2022: the module has nothing for 2021, so nothing is written for it.
    expect(figures.get('2021')).toBeNull();
    const withFigures = [...figures].filter(([, v]) => v !== null);

    const report = await refresh([VALUE_COUNT]);

    expect(report).toEqual({
      indicators: 1,
      periods: 5,
      written: withFigures.length,
      unchanged: 0,
      noData: 1,
      failed: 0,
      unknownSources: [BROKEN.key, 'test.unregistered'],
      unsupported: [],
    });
    expect(await currentValues(db, computed)).toEqual(
      withFigures.map(([period, value]) => ({
        period,
        version: 1,
        value_milli: value,
        state: 'validated',
        entered_by: null,
        entered_by_label: 'module:test.value-count',
        change_reason: null,
      })),
    );
    const history = await listValueHistory(db, admin, computed, '2024');
    expect(history?.map((h) => [h.event, h.who])).toEqual([['entered', 'module:test.value-count']]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'actor_label', 'operation'])
      .where('entity_type', '=', 'indicator_value')
      .where('actor_label', '=', 'module:test.value-count')
      .where('field', '=', 'value')
      .execute();
    expect(audit).toHaveLength(withFigures.length);
    expect(audit.every((a) => a.actor_user_id === null && a.operation === 'create')).toBe(true);
  });

  test('a second refresh with nothing changed writes nothing', async () => {
    const { db } = get();
    const before = await countValues(db);
    const report = await refresh([VALUE_COUNT]);
    expect(report).toMatchObject({ periods: 5, written: 0, unchanged: 4, noData: 1, failed: 0 });
    expect(await countValues(db)).toBe(before);
  });

  test("a change in the module's records becomes a new version, the previous one kept", async () => {
    const { db } = get();
    const previous = (await expectedFigures()).get('2024') ?? 0;
    // One more value entered by hand for 2024: the module's count for 2024 grows by one.
    const entered = await recordValue(db, admin, { indicatorId: manual, period: '2024', value: '7' }, { today: TODAY });
    expect(entered.ok).toBe(true);

    const report = await refresh([VALUE_COUNT]);

    expect(report).toMatchObject({ periods: 5, written: 1, unchanged: 3, noData: 1, failed: 0 });
    const versions = await db
      .selectFrom('indicator_value')
      .select(['version', 'is_current', 'value_milli', 'state', 'change_reason'])
      .where('indicator_id', '=', computed)
      .where('period', '=', '2024')
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, is_current: 0, value_milli: previous, state: 'validated', change_reason: null },
      {
        version: 2,
        is_current: 1,
        value_milli: previous + 1000,
        state: 'validated',
        change_reason: 'computed by test.value-count',
      },
    ]);
    const history = await listValueHistory(db, admin, computed, '2024');
    expect(history?.[0]).toMatchObject({
      event: 'corrected',
      who: 'module:test.value-count',
      valueBefore: { valueMilli: previous },
      valueAfter: { valueMilli: previous + 1000 },
      reason: 'computed by test.value-count',
    });
  });

  test('a module that throws is counted as failed and the others still run', async () => {
    const report = await refresh([BROKEN, VALUE_COUNT]);
    const brokenPeriods = 2025 - planStartYear + 1;
    expect(report).toEqual({
      indicators: 2,
      periods: 5 + brokenPeriods,
      written: 0,
      unchanged: 4,
      noData: 1,
      failed: brokenPeriods,
      unknownSources: ['test.unregistered'],
      unsupported: [],
    });
    expect(await currentValues(get().db, broken)).toEqual([]);
  });

  test('a module whose figure is not an integer is counted as failed', async () => {
    const fractional: IndicatorSource = { ...VALUE_COUNT, compute: async () => 1.5 };
    const report = await refresh([fractional]);
    expect(report).toMatchObject({ written: 0, unchanged: 0, failed: 5 });
  });

  test('nobody enters, submits or returns the values of a computed indicator', async () => {
    const { db } = get();
    const before = await countValues(db);
    const entry = await recordValue(
      db,
      admin,
      { indicatorId: computed, period: '2024', value: '5', changeReason: 'wrong' },
      { today: TODAY },
    );
    expect(entry).toEqual({ ok: false, error: { code: 'indicators.value.computed' } });
    const returned = await returnValue(db, admin, { indicatorId: computed, period: '2024', reason: 'wrong' });
    expect(returned).toEqual({ ok: false, error: { code: 'indicators.value.computed' } });
    expect(await countValues(db)).toBe(before);
    const page = await getIndicatorPage(db, admin, computed, TODAY);
    expect([page?.computed, page?.canEnter, page?.canReview]).toEqual([true, false, true]);
  });

  test('once an indicator is computed, its figures entered by hand give way to validated ones', async () => {
    const { db } = get();
    const setSource = (source: string) =>
      db.updateTable('indicator').set({ source }).where('id', '=', unregistered).execute();
    const period = periodContaining('year', '2024-06-01');
    const figure = await VALUE_COUNT.compute(db, { institutionId, sourceKey: null, period });
    expect(figure).not.toBeNull();
    await setSource('manual');
    const draft = await recordValue(
      db,
      admin,
      { indicatorId: unregistered, period: '2024', value: String((figure ?? 0) / 1000) },
      { today: TODAY },
    );
    expect(draft.ok).toBe(true);
    await setSource(VALUE_COUNT.key);

    await refresh([VALUE_COUNT]);

    const versions = await db
      .selectFrom('indicator_value')
      .select(['version', 'is_current', 'value_milli', 'state', 'entered_by_label', 'change_reason'])
      .where('indicator_id', '=', unregistered)
      .where('period', '=', '2024')
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      {
        version: 1,
        is_current: 0,
        value_milli: figure,
        state: 'draft',
        entered_by_label: admin.displayName,
        change_reason: null,
      },
      {
        version: 2,
        is_current: 1,
        value_milli: figure,
        state: 'validated',
        entered_by_label: 'module:test.value-count',
        change_reason: 'computed by test.value-count',
      },
    ]);
  });

  test('the refresh is queued once a day and runs before the morning reminders', async () => {
    const { db } = get();
    await db.deleteFrom('job').execute();
    await Promise.all([
      scheduleRecurringJobs(db, new Date(`${TODAY}T00:30:00Z`)),
      scheduleRecurringJobs(db, new Date(`${TODAY}T00:30:00Z`)),
    ]);
    await scheduleRecurringJobs(db, new Date(`${TODAY}T23:30:00Z`));
    const refreshJobs = () =>
      db
        .selectFrom('job')
        .select(['dedupe_key', 'status'])
        .where('kind', '=', REFRESH_COMPUTED_JOB)
        .orderBy('dedupe_key')
        .execute();
    expect(await refreshJobs()).toEqual([{ dedupe_key: `indicators.refresh-computed:${TODAY}`, status: 'queued' }]);

    // At 01:00 the refresh is due; the reminders and the digest wait for 06:00.
    const before = await countValues(db);
    const handlers = notificationJobHandlers(db, createMailer(undefined, 'trajectoire@example.org'), 'https://x.test');
    expect(await runDueJobs(db, handlers, 'worker-a', () => new Date(`${TODAY}T01:00:00Z`))).toBe(1);
    expect(await refreshJobs()).toEqual([{ dedupe_key: `indicators.refresh-computed:${TODAY}`, status: 'done' }]);
    // The registry has no module yet: the test sources are unknown to it and nothing is written.
    expect(await countValues(db)).toBe(before);

    await scheduleRecurringJobs(db, new Date('2026-04-07T00:05:00Z'));
    expect((await refreshJobs()).map((j) => j.dedupe_key)).toEqual([
      `indicators.refresh-computed:${TODAY}`,
      'indicators.refresh-computed:2026-04-07',
    ]);
    await db.deleteFrom('job').execute();
  });
});
