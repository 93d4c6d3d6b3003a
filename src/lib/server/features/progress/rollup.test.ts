import { describe, expect, test } from 'vitest';
import type { ProgressStatus } from './progress';
import { type Assessed, rollUp, rollUpBy } from './rollup';

let next = 0;
const an = (status: ProgressStatus, progressCapped: number | null = null, id = `i${++next}`): Assessed => ({
  id,
  status,
  progressCapped,
});

describe('rolling indicators up to an item', () => {
  test('takes the least favourable status among indicators with data and counts every status', () => {
    const r = rollUp([an('achieved', 1), an('on_track', 0.5), an('at_risk', 0.3), an('no_data')]);
    expect(r.status).toBe('at_risk');
    expect(r.statusCounts).toEqual({ achieved: 1, on_track: 1, at_risk: 1, late: 0, no_data: 1 });
    expect([r.indicatorCount, r.withDataCount]).toEqual([4, 3]);
    expect(r.explanation.at(-1)).toEqual({ code: 'progress.rollup.explain.worst', params: { withData: 3, count: 4 } });
  });

  test('one late indicator makes the item late; all achieved makes it achieved', () => {
    expect(rollUp([an('achieved', 1), an('late', 0.1), an('on_track', 0.6)]).status).toBe('late');
    expect(rollUp([an('achieved', 1), an('achieved', 1)]).status).toBe('achieved');
  });

  test('progress is the equal-weight mean of capped progress over indicators that have one', () => {
    const r = rollUp([an('achieved', 1), an('late', 0), an('on_track', 0.5), an('no_data', null)]);
    expect(r.progress).toBe(0.5);
    expect(r.explanation[0]).toEqual({ code: 'progress.rollup.explain.mean', params: { progress: 50, count: 3 } });
  });

  test('explicit weights change the mean', () => {
    const heavy = an('on_track', 1, 'heavy');
    const r = rollUp([heavy, an('late', 0)], { weights: new Map([['heavy', 3]]) });
    expect(r.progress).toBe(0.75);
  });

  test('an indicator reached through several paths counts once', () => {
    const twice = an('late', 0, 'same');
    const r = rollUp([twice, twice, an('on_track', 1)]);
    expect(r.indicatorCount).toBe(2);
    expect(r.progress).toBe(0.5);
  });

  test('more than half without data gives no data; exactly half still judges', () => {
    const mostlyUnknown = rollUp([an('on_track', 0.5), an('no_data'), an('no_data')]);
    expect(mostlyUnknown.status).toBe('no_data');
    expect(mostlyUnknown.explanation.at(-1)?.code).toBe('progress.rollup.explain.tooManyNoData');
    expect(rollUp([an('on_track', 0.5), an('no_data')]).status).toBe('on_track');
    expect(rollUp([an('on_track', 0.5), an('no_data'), an('no_data')], { noDataMaxShare: 0.7 }).status).toBe(
      'on_track',
    );
  });

  test('an item without indicators has no data and no progress', () => {
    const r = rollUp([]);
    expect([r.status, r.progress, r.indicatorCount]).toEqual(['no_data', null, 0]);
  });
});

test('rolling up by key puts an indicator under each of its keys once', () => {
  const items = [
    { ...an('late', 0), sdgs: [4, 13, 13] },
    { ...an('on_track', 1), sdgs: [13] },
    { ...an('achieved', 1), sdgs: [] as number[] },
  ];
  const bySdg = rollUpBy(items, (i) => i.sdgs);
  expect([...bySdg.keys()].sort((a, b) => a - b)).toEqual([4, 13]);
  expect(bySdg.get(13)?.indicatorCount).toBe(2);
  expect(bySdg.get(13)?.status).toBe('late');
  expect(bySdg.get(4)?.statusCounts.late).toBe(1);
});
