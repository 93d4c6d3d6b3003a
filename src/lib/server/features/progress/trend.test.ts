import { describe, expect, test } from 'vitest';
import { anIndicator, inYear, round } from './builders.test-helpers';
import { assessTrend, trendCategoryOf } from './trend';

// Doubling over ten years needs 2^(1/10) - 1 = 7.18 % a year.
const doubling = () => anIndicator().increasing().from(100, '2020-12-31').to(200, '2030-12-31');
/** Yearly values from 2021 growing by `rate` a year from 100. */
const growing = (rate: number, years = 4) =>
  Array.from({ length: years }, (_, i) => inYear(2021 + i, 100 * (1 + rate) ** i));

describe('the compound-growth method (Open SDG)', () => {
  test('compares the observed and required yearly rates', () => {
    const r = assessTrend(doubling().build(), growing(0.075));
    expect(r?.category).toBe('on_track');
    expect(round(r?.observedRate ?? null)).toBe(0.075);
    expect(round(r?.requiredRate ?? null, 4)).toBe(0.0718);
    expect(r?.explanation.map((l) => l.code)).toEqual(['progress.trend.explain.rates', 'progress.trend.explain.ratio']);
  });

  test('classes each ratio band', () => {
    expect(assessTrend(doubling().build(), growing(0.05))?.category).toBe('acceleration_needed');
    expect(assessTrend(doubling().build(), growing(0.01))?.category).toBe('limited_progress');
    expect(assessTrend(doubling().build(), growing(-0.02))?.category).toBe('deterioration');
    expect([0.95, 0.6, 0.59, 0, -0.01].map(trendCategoryOf)).toEqual([
      'on_track',
      'acceleration_needed',
      'limited_progress',
      'limited_progress',
      'deterioration',
    ]);
  });

  test('a decrease is on track when it falls as fast as required', () => {
    // -5 % GHG a year, as the seed plan asks.
    const ghg = anIndicator().decreasing().from(1000, '2022-12-31').to(774, '2027-12-31').build();
    const values = [inYear(2023, 950), inYear(2024, 902), inYear(2025, 857)];
    const r = assessTrend(ghg, values);
    expect(r?.category).toBe('on_track');
    expect(round(r?.ratio ?? null, 1)).toBe(1);
  });

  test('needs at least three values, a baseline, a target and their dates', () => {
    expect(assessTrend(doubling().build(), growing(0.05, 2))?.reason).toBe('progress.trend.reason.tooFewValues');
    expect(assessTrend(anIndicator().from(100).to(200).build(), growing(0.05))?.reason).toBe(
      'progress.trend.reason.notQuantified',
    );
  });

  test('a reached target is achieved whatever the trend', () => {
    const values = [inYear(2021, 100), inYear(2022, 250), inYear(2023, 210)];
    expect(assessTrend(doubling().build(), values)?.category).toBe('achieved');
  });

  test('a zero is replaced by 0.001 and the explanation warns', () => {
    const fromZero = anIndicator().increasing().from(0, '2020-12-31').to(50, '2030-12-31').build();
    const r = assessTrend(fromZero, [inYear(2021, 0), inYear(2022, 5), inYear(2023, 10)]);
    expect(r?.category).not.toBeNull();
    expect(r?.explanation.at(-1)).toEqual({
      code: 'progress.trend.explain.zeroReplaced',
      params: { replacement: 0.001 },
    });
  });

  test('a series that changes sign cannot be assessed; an all-negative one is mirrored', () => {
    const balance = anIndicator().increasing().from(-10, '2020-12-31').to(10, '2030-12-31').build();
    expect(assessTrend(balance, [inYear(2021, -8), inYear(2022, -2), inYear(2023, 3)])?.reason).toBe(
      'progress.trend.reason.signChange',
    );
    // From -100 towards -50: moving up towards zero at the required pace.
    const deficit = anIndicator().increasing().from(-100, '2020-12-31').to(-50, '2030-12-31').build();
    const r = assessTrend(deficit, [inYear(2021, -100), inYear(2022, -93.3), inYear(2023, -87.1)]);
    expect(r?.category).toBe('on_track');
    expect(r?.explanation.map((l) => l.code)).toContain('progress.trend.explain.negativeMirrored');
  });

  test('does not apply to milestones, yes/no or text indicators', () => {
    expect(assessTrend(anIndicator().milestone().build(), growing(0.1))).toBeUndefined();
    expect(assessTrend(anIndicator().yesNo().build(), growing(0.1))).toBeUndefined();
    expect(assessTrend(anIndicator().text().build(), growing(0.1))).toBeUndefined();
  });
});
