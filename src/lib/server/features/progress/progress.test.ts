import { describe, expect, test } from 'vitest';
import { anIndicator, inYear, round } from './builders.test-helpers';
import { explanationTexts } from './explain';
import { assessIndicator, DEFAULT_PROGRESS_SETTINGS, isDone, thresholdsOf } from './progress';

const defaults = thresholdsOf(DEFAULT_PROGRESS_SETTINGS);
const TODAY = '2025-06-15';
// 0 -> 100 over four years: by the end of 2024, half the way is expected.
const toHundred = () => anIndicator().increasing().inUnit('%').from(0, '2022-12-31').to(100, '2026-12-31');
const codes = (r: { explanation: { code: string }[] }) => r.explanation.map((l) => l.code);
const lineOf = (r: { explanation: { code: string; params: Record<string, string | number> }[] }, code: string) =>
  r.explanation.find((l) => l.code === code)?.params;

describe('an indicator measured against its straight-line trajectory', () => {
  test('is on track when it covers at least 90 % of the expected way', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2023, 20), inYear(2024, 50)], TODAY, defaults);
    expect(r.status).toBe('on_track');
    expect(round(r.progress)).toBe(0.5);
    expect(round(r.expected)).toBe(0.5);
    expect(round(r.ratio, 2)).toBe(1);
  });

  test('is at risk between 60 % and 90 % of the expected way', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2024, 40)], TODAY, defaults);
    expect(r.status).toBe('at_risk');
    expect(round(r.ratio, 2)).toBe(0.8);
    expect(codes(r)).toContain('progress.explain.atRiskBecause');
  });

  test('is late below 60 % of the expected way, and says why', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2024, 20)], TODAY, defaults);
    expect(r.status).toBe('late');
    expect(lineOf(r, 'progress.explain.expected')).toEqual({
      expected: 50,
      actual: 20,
      date: '2024-12-31',
      deadline: '2026-12-31',
    });
    expect(lineOf(r, 'progress.explain.lateBecause')).toMatchObject({ ratio: 40, atRiskMin: 60 });
    expect(explanationTexts('en', r.explanation)).toContain(
      'By December 31, 2024, the straight line to the December 31, 2026 deadline expected 50% of the way; 20% has been covered.',
    );
  });

  test('uses the institution thresholds', () => {
    const lenient = thresholdsOf({ onTrackMinMilli: 750, atRiskMinMilli: 500, graceDays: 30 });
    expect(assessIndicator(toHundred().build(), [inYear(2024, 40)], TODAY, lenient).status).toBe('on_track');
    expect(assessIndicator(toHundred().build(), [inYear(2024, 30)], TODAY, lenient).status).toBe('at_risk');
  });

  test('is achieved when the target is reached, and progress beyond it is kept but capped for display', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2024, 120)], TODAY, defaults);
    expect(r.status).toBe('achieved');
    expect(round(r.progress)).toBe(1.2);
    expect(r.progressCapped).toBe(1);
    expect(codes(r)).toContain('progress.explain.achieved');
  });

  test('reads the latest period, whatever the order of the values', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2024, 50), inYear(2023, 5)], TODAY, defaults);
    expect(lineOf(r, 'progress.explain.latest')).toMatchObject({ value: 50, period: '2024' });
  });

  test('a decrease reaching its target is achieved; moving up is negative progress and late', () => {
    const fossil = () => anIndicator().decreasing().from(100, '2022-12-31').to(80, '2026-12-31');
    expect(assessIndicator(fossil().build(), [inYear(2024, 78)], TODAY, defaults).status).toBe('achieved');
    const worse = assessIndicator(fossil().build(), [inYear(2024, 110)], TODAY, defaults);
    expect(worse.status).toBe('late');
    expect(round(worse.progress)).toBe(-0.5);
    expect(worse.progressCapped).toBe(0);
    expect(codes(worse)).toContain('progress.explain.wrongDirection');
  });

  test('a value to reach counts from the baseline side', () => {
    const zeroReports = () => anIndicator().reaching().from(6, '2022-12-31').to(0, '2026-12-31');
    expect(assessIndicator(zeroReports().build(), [inYear(2024, 0)], TODAY, defaults).status).toBe('achieved');
    expect(assessIndicator(zeroReports().build(), [inYear(2024, 3)], TODAY, defaults).status).toBe('on_track');
  });

  test('a target equal to the baseline means keeping the level', () => {
    const keepZero = () => anIndicator().decreasing().from(0, '2022-12-31').to(0, '2026-12-31');
    expect(assessIndicator(keepZero().build(), [inYear(2024, 0)], TODAY, defaults).status).toBe('achieved');
    const lost = assessIndicator(keepZero().build(), [inYear(2024, 2)], TODAY, defaults);
    expect(lost.status).toBe('late');
    expect(codes(lost)).toContain('progress.explain.notMaintained');
  });

  test('is late once the deadline has passed without reaching the target', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2026, 95)], '2027-02-01', defaults);
    expect(r.status).toBe('late');
    expect(lineOf(r, 'progress.explain.deadlinePassed')).toEqual({ deadline: '2026-12-31' });
  });

  test('before the baseline date nothing is expected: on track unless moving away', () => {
    const later = () => anIndicator().increasing().from(0, '2025-01-01').to(100, '2027-12-31');
    const r = assessIndicator(later().build(), [inYear(2024, 0)], TODAY, defaults);
    expect(r.status).toBe('on_track');
    expect(codes(r)).toContain('progress.explain.beforeStart');
    expect(assessIndicator(later().build(), [inYear(2024, -5)], TODAY, defaults).status).toBe('late');
  });

  test('says when the latest value is not validated yet', () => {
    const r = assessIndicator(toHundred().build(), [inYear(2024, 50, { state: 'submitted' })], TODAY, defaults);
    expect(codes(r)).toContain('progress.explain.notValidated');
  });
});

describe('an indicator without enough to judge has no data, with the reason', () => {
  test('no counted value', () => {
    const r = assessIndicator(toHundred().build(), [], TODAY, defaults);
    expect([r.status, r.reason]).toEqual(['no_data', 'progress.reason.noValue']);
  });

  test('no baseline or no target: not quantified', () => {
    const r = assessIndicator(anIndicator().to(100, '2026-12-31').build(), [inYear(2024, 5)], TODAY, defaults);
    expect([r.status, r.reason]).toEqual(['no_data', 'progress.reason.notQuantified']);
  });

  test('no dates: progress is known but no trajectory', () => {
    const r = assessIndicator(anIndicator().from(0).to(100).build(), [inYear(2024, 30)], TODAY, defaults);
    expect([r.status, r.reason, round(r.progress)]).toEqual(['no_data', 'progress.reason.noDates', 0.3]);
  });

  test('a target against the direction is a definition to check', () => {
    const r = assessIndicator(
      anIndicator().increasing().from(100, '2022-12-31').to(50, '2026-12-31').build(),
      [inYear(2024, 70)],
      TODAY,
      defaults,
    );
    expect(r.reason).toBe('progress.reason.directionMismatch');
  });

  test('text indicators have no progress', () => {
    const r = assessIndicator(anIndicator().text().build(), [inYear(2024, null, { text: 'ok' })], TODAY, defaults);
    expect([r.status, r.reason, r.progress]).toEqual(['no_data', 'progress.reason.textKind', null]);
  });
});

describe('milestones and yes/no indicators are done or not', () => {
  const launch = () => anIndicator().milestone().dueBy('2025-12-31');

  test('achieved when done', () => {
    const r = assessIndicator(launch().build(), [inYear(2024, 1)], TODAY, defaults);
    expect([r.status, r.progress]).toEqual(['achieved', 1]);
  });

  test('on track while not done before the deadline, late after it', () => {
    expect(assessIndicator(launch().build(), [inYear(2024, 0)], TODAY, defaults).status).toBe('on_track');
    const late = assessIndicator(launch().build(), [inYear(2025, 0)], '2026-01-05', defaults);
    expect(late.status).toBe('late');
    expect(codes(late)).toEqual(['progress.explain.milestoneDeadlinePassed']);
  });

  test('a yes/no answer in words counts, and no answer is no data', () => {
    const label = anIndicator().yesNo().dueBy('2026-12-31').build();
    expect(assessIndicator(label, [inYear(2024, null, { text: 'Oui' })], TODAY, defaults).status).toBe('achieved');
    expect(assessIndicator(label, [inYear(2024, null, { text: 'non' })], TODAY, defaults).status).toBe('on_track');
    expect(assessIndicator(label, [], TODAY, defaults).status).toBe('no_data');
  });

  test('done means a positive number or yes / done in French or English', () => {
    expect(['yes', 'Fait', 'done', ' oui '].map((text) => isDone({ value: null, text }))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isDone({ value: 0, text: 'yes' })).toBe(false);
    expect(isDone({ value: null, text: 'peut-être' })).toBe(false);
  });
});

test('explanations read in French with the locale long dates and numbers', () => {
  const r = assessIndicator(toHundred().build(), [inYear(2024, 20.5)], TODAY, defaults);
  const fr = explanationTexts('fr', r.explanation);
  expect(fr[0]).toBe('Valeur de référence : 0\u00a0% au 31 décembre 2022 ; cible : 100\u00a0% au 31 décembre 2026.');
  expect(fr[1]).toBe('Dernière valeur retenue : 20,5\u00a0% (2024).');
});
