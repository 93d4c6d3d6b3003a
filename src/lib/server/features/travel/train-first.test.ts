import { describe, expect, test } from 'vitest';
import { greatCircleKm } from './distance';
import { PLACES } from './test-places';
import { estimateTrainHours, trainFirstCheck, trainFirstVerdict } from './train-first';

const round2 = (h: number) => Math.round(h * 100) / 100;

describe('train time model', () => {
  test('short trips run at 80 km/h on regional trains', () => {
    // 100 km x 1.2 = 120 rail-km / 80 km/h = 1.5 h
    expect(round2(estimateTrainHours(100, true))).toBe(1.5);
  });

  test('Alès–Paris takes about 3 h 45 door to door', () => {
    // 542.2091 x 1.2 = 650.651 rail-km / 200 km/h = 3.253 h + 0.5 h access = 3.75 h
    expect(round2(estimateTrainHours(greatCircleKm(PLACES.ales, PLACES.paris), true))).toBe(3.75);
  });

  test('trips leaving France run at 120 km/h', () => {
    // Paris–Brussels: 264.3084 x 1.2 = 317.170 rail-km / 120 = 2.643 h + 0.5 = 3.14 h
    expect(round2(estimateTrainHours(greatCircleKm(PLACES.paris, PLACES.brussels), false))).toBe(3.14);
  });

  test('never decreases with distance, in France or abroad, and has no jump at 150 rail-km', () => {
    for (const withinFrance of [true, false]) {
      let previous = 0;
      for (let km = 0; km <= 3000; km += 2.5) {
        const hours = estimateTrainHours(km, withinFrance);
        expect(hours, `${km} km`).toBeGreaterThanOrEqual(previous);
        previous = hours;
      }
    }
    // 125 km x 1.2 = 150 rail-km / 80 = 1.875 h on both sides of the switch
    expect(estimateTrainHours(125.001, true) - estimateTrainHours(125, true)).toBeLessThan(0.001);
  });

  test('is never faster abroad than in France', () => {
    for (let km = 0; km <= 3000; km += 50) {
      expect(estimateTrainHours(km, false)).toBeGreaterThanOrEqual(estimateTrainHours(km, true));
    }
  });
});

describe('train-first verdict', () => {
  test.each([
    [3.99, 'justification_required'],
    [4, 'flagged'],
    [5.99, 'flagged'],
    [6, 'ok'],
    [12, 'ok'],
  ] as const)('a flight replacing a %d h train trip is %s (4 h / 6 h defaults)', (hours, verdict) => {
    expect(trainFirstVerdict(hours)).toBe(verdict);
  });

  test('an institution can set its own thresholds', () => {
    const rule = { justifyUnderHours: 4.5, flagUnderHours: 8 };
    expect(trainFirstVerdict(4.2, rule)).toBe('justification_required');
    expect(trainFirstVerdict(7, rule)).toBe('flagged');
    expect(() => trainFirstVerdict(1, { justifyUnderHours: 6, flagUnderHours: 4 })).toThrow(RangeError);
  });

  test('applies to flights only', () => {
    const km = greatCircleKm(PLACES.ales, PLACES.paris);
    expect(trainFirstCheck('train_high_speed', km, true)).toEqual({ verdict: 'not_applicable' });
    expect(trainFirstCheck('plane', km, true).verdict).toBe('justification_required');
    expect(trainFirstCheck('plane', greatCircleKm(PLACES.paris, PLACES.newYork), false).verdict).toBe('ok');
  });
});
