import { describe, expect, test } from 'vitest';
import { anIndicator, inYear, round } from './builders.test-helpers';
import { assembleProgress, dueOf } from './plan-progress';
import { DEFAULT_PROGRESS_SETTINGS } from './progress';
import type { IndicatorRow, ProgressInputs, ValueRow } from './progress.queries';
import { trajectorySeries } from './series';

function indicatorRow(id: string, over: Partial<IndicatorRow> = {}): IndicatorRow {
  return {
    id,
    plan_id: 'plan',
    action_id: null,
    objective_id: null,
    target_id: null,
    position: 0,
    name: id,
    unit: '%',
    direction: 'increase',
    kind: 'percentage',
    periodicity: 'year',
    baseline_value_milli: 0,
    baseline_date: '2022-12-31',
    target_value_milli: 100_000,
    target_date: '2026-12-31',
    responsible_person_id: null,
    source: 'manual',
    ...over,
  };
}

const valueRow = (indicatorId: string, year: number, value: number, state = 'validated'): ValueRow => ({
  indicator_id: indicatorId,
  period: String(year),
  period_end: `${year}-12-31`,
  value_milli: value * 1000,
  value_text: null,
  state,
});

/** One plan, two workstreams (the second on the campus axis), an objective in each, two actions. */
function aPlan(indicators: IndicatorRow[], values: ValueRow[]): ProgressInputs {
  return {
    plans: [{ id: 'plan', title: 'Plan RES' }],
    workstreams: [
      { id: 'w1', plan_id: 'plan', code: '1', title: 'Gouvernance', axis_code: 'strategy_governance' },
      { id: 'w2', plan_id: 'plan', code: '2', title: 'Campus', axis_code: 'campus_environment' },
    ],
    objectives: [
      { id: 'o1', workstream_id: 'w1', code: '1', title: 'Former' },
      { id: 'o2', workstream_id: 'w2', code: '1', title: 'Sobriété' },
    ],
    targets: [{ id: 't2', objective_id: 'o2' }],
    actions: [
      { id: 'a1', plan_id: 'plan', workstream_id: 'w1', objective_id: 'o1', title: 'Fresques' },
      { id: 'a2', plan_id: 'plan', workstream_id: 'w2', objective_id: 'o2', title: 'Chauffage' },
    ],
    actionSdgs: [
      { action_id: 'a1', sdg_number: 4 },
      { action_id: 'a1', sdg_number: 13 },
      { action_id: 'a2', sdg_number: 7 },
    ],
    actionAxes: [{ action_id: 'a1', axis_code: 'teaching' }],
    indicators,
    values,
  };
}

const TODAY = '2025-06-15';

describe('assembling a plan', () => {
  const report = assembleProgress(
    aPlan(
      [
        // On an action AND its objective: counts once for the objective.
        indicatorRow('trained', { action_id: 'a1', objective_id: 'o1' }),
        indicatorRow('fossil', {
          action_id: 'a2',
          objective_id: 'o2',
          direction: 'decrease',
          baseline_value_milli: 100_000,
          target_value_milli: 80_000,
        }),
        indicatorRow('compost', { target_id: 't2', baseline_value_milli: null }),
      ],
      [
        valueRow('trained', 2023, 20),
        valueRow('trained', 2024, 50),
        valueRow('fossil', 2024, 98),
        valueRow('compost', 2024, 300),
      ],
    ),
    TODAY,
    DEFAULT_PROGRESS_SETTINGS,
  );
  const byId = new Map(report.indicators.map((i) => [i.id, i]));

  test('gives each indicator its status, progress, attachment, SDGs and axes', () => {
    expect(byId.get('trained')).toMatchObject({
      status: 'on_track',
      objectiveIds: ['o1'],
      workstreamIds: ['w1'],
      sdgs: [4, 13],
      axes: ['teaching'],
      actionTitle: 'Fresques',
    });
    // The action has no axis of its own: the workstream's applies.
    expect(byId.get('fossil')).toMatchObject({ status: 'late', sdgs: [7], axes: ['campus_environment'] });
    expect(byId.get('compost')).toMatchObject({
      status: 'no_data',
      reason: 'progress.reason.notQuantified',
      objectiveIds: ['o2'],
      workstreamIds: ['w2'],
    });
    expect(byId.get('trained')?.trend?.reason).toBe('progress.trend.reason.tooFewValues');
  });

  test('rolls up to objectives, workstreams, the plan, SDGs and axes', () => {
    const plan = report.plans[0];
    expect(plan.statusCounts).toEqual({ achieved: 0, on_track: 1, at_risk: 0, late: 1, no_data: 1 });
    expect(plan.status).toBe('late');
    expect(report.statusCounts).toEqual(plan.statusCounts);
    expect(report.objectives.find((o) => o.id === 'o1')).toMatchObject({ status: 'on_track', indicatorCount: 1 });
    // Fossil (late) and compost (no data): one of two without data is not more than half.
    expect(report.objectives.find((o) => o.id === 'o2')).toMatchObject({ status: 'late', indicatorCount: 2 });
    expect(report.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['w1', 'on_track'],
      ['w2', 'late'],
    ]);
    expect(report.sdgs.map((s) => [s.sdg, s.status])).toEqual([
      [4, 'on_track'],
      [7, 'late'],
      [13, 'on_track'],
    ]);
    expect(report.axes.map((a) => [a.axis, a.status])).toEqual([
      ['campus_environment', 'late'],
      ['teaching', 'on_track'],
    ]);
    expect(round(report.workstreams[0].progress)).toBe(0.5);
  });

  test('lists the indicators whose last period is overdue', () => {
    // Mid-2025: 2024 values were due by 30 January 2025; every indicator has one.
    expect(report.overdue).toEqual([]);
    const later = assembleProgress(
      aPlan([indicatorRow('trained')], [valueRow('trained', 2024, 50)]),
      '2026-03-01',
      DEFAULT_PROGRESS_SETTINGS,
    );
    expect(later.overdue.map((i) => [i.id, i.overdue])).toEqual([
      ['trained', { period: '2025', dueDate: '2026-01-30', daysLate: 30 }],
    ]);
  });
});

describe('what is due for an indicator', () => {
  const yearly = { ...anIndicator().from(0, '2022-12-31').to(100, '2027-12-31').build(), periodicity: 'year' as const };

  test('the last ended period is due within the grace days, then overdue', () => {
    expect(dueOf(yearly, 'manual', new Set(['2023']), false, '2025-01-10', 30)).toEqual({
      due: { period: '2024', dueDate: '2025-01-30', hasValue: false },
      overdue: null,
    });
    expect(dueOf(yearly, 'manual', new Set(['2023']), false, '2025-03-01', 30).overdue).toEqual({
      period: '2024',
      dueDate: '2025-01-30',
      daysLate: 30,
    });
  });

  test('within the grace days, a missing earlier period is still overdue', () => {
    expect(dueOf(yearly, 'manual', new Set(), false, '2025-01-10', 30).overdue?.period).toBe('2023');
  });

  test('nothing is due before the baseline, after the deadline, for computed indicators or done milestones', () => {
    expect(dueOf(yearly, 'manual', new Set(), false, '2023-01-10', 0).due).toBeNull();
    expect(dueOf(yearly, 'manual', new Set(), false, '2029-06-01', 30)).toEqual({ due: null, overdue: null });
    expect(dueOf(yearly, 'travel', new Set(), false, '2025-06-01', 30)).toEqual({ due: null, overdue: null });
    expect(dueOf(yearly, 'manual', new Set(), true, '2025-06-01', 30)).toEqual({ due: null, overdue: null });
  });
});

describe('the chart series of an indicator', () => {
  test('has one point per period with the value, the straight-line expectation and the target', () => {
    const def = { ...anIndicator().from(0, '2022-12-31').to(100, '2026-12-31').build(), periodicity: 'year' as const };
    const points = trajectorySeries(def, [inYear(2024, 40)]);
    expect(points.map((p) => [p.period, p.value, round(p.expected, 0), p.target])).toEqual([
      ['2022', null, 0, 100],
      ['2023', null, 25, 100],
      ['2024', 40, 50, 100],
      ['2025', null, 75, 100],
      ['2026', null, 100, 100],
    ]);
  });

  test('milestones plot done as 1 and have no expectation', () => {
    const def = { ...anIndicator().milestone().dueBy('2025-12-31').build(), periodicity: 'year' as const };
    const points = trajectorySeries(def, [inYear(2024, 0), inYear(2025, 1)]);
    expect(points.map((p) => [p.period, p.value, p.expected])).toEqual([
      ['2024', 0, null],
      ['2025', 1, null],
    ]);
  });
});
