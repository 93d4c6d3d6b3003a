import { describe, expect, test } from 'vitest';
import { parseScoreText, simulateOverall } from './simulator';

const scores = (entries: Record<number, number | null>) =>
  Object.entries(entries).map(([sdg, score]) => ({ sdg: Number(sdg), score }));

describe('the overall score', () => {
  test('SDG 17 at 22 % and the three best others at 26 % each; the fourth does not count', () => {
    const result = simulateOverall(scores({ 4: 40, 6: 90, 7: 70, 13: 80, 17: 50 }));
    if (!result.eligible) throw new Error('expected eligible');
    // 50 x 0.22 + (90 + 80 + 70) x 0.26 = 11 + 62.4 = 73.4
    expect(result.overall).toBe(73.4);
    expect(result.contributions.map((c) => [c.sdg, c.weightPercent, c.points])).toEqual([
      [17, 22, 11],
      [6, 26, 23.4],
      [13, 26, 20.8],
      [7, 26, 18.2],
    ]);
    expect(result.notCounted).toEqual([4]);
  });

  test('equal scores keep the lower SDG number, whatever the input order', () => {
    const a = simulateOverall(scores({ 17: 60, 13: 70, 12: 70, 7: 70, 6: 70 }));
    const b = simulateOverall([...scores({ 17: 60, 13: 70, 12: 70, 7: 70, 6: 70 })].reverse());
    expect(a).toEqual(b);
    if (!a.eligible) throw new Error('expected eligible');
    expect(a.contributions.map((c) => c.sdg)).toEqual([17, 6, 7, 12]);
  });

  test('without SDG 17 the institution is not in the overall table', () => {
    expect(simulateOverall(scores({ 4: 80, 6: 80, 7: 80, 13: 80, 17: null }))).toEqual({
      eligible: false,
      reasons: [{ code: 'theImpact.simulator.reason.noSdg17' }],
    });
  });

  test('with fewer than three other SDGs it is not either, and both reasons are given', () => {
    expect(simulateOverall(scores({ 17: 70, 4: 80, 6: 60 }))).toEqual({
      eligible: false,
      reasons: [{ code: 'theImpact.simulator.reason.tooFewOthers', params: { count: 2, needed: 3 } }],
    });
    expect(simulateOverall(scores({ 4: 80 }))).toMatchObject({ eligible: false, reasons: [{}, {}] });
  });

  test('exactly three others is enough', () => {
    expect(simulateOverall(scores({ 17: 100, 4: 100, 6: 100, 7: 100 }))).toMatchObject({
      eligible: true,
      overall: 100,
    });
  });
});

describe('typed scores', () => {
  test('French or English decimals, empty means no score, out of 0-100 is invalid', () => {
    expect(parseScoreText('62,5')).toBe(62.5);
    expect(parseScoreText(' 80 ')).toBe(80);
    expect(parseScoreText('')).toBeNull();
    expect(parseScoreText('101')).toBeNaN();
    expect(parseScoreText('-1')).toBeNaN();
    expect(parseScoreText('abc')).toBeNaN();
  });
});
