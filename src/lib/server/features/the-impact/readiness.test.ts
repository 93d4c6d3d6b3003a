import { describe, expect, test } from 'vitest';
import { checkItem, checkReadiness, type ReadinessItemInput } from './readiness';
import { defaultPolicyWindow, isInWindow, normaliseSdgChoice, THE_CATALOGUE } from './the-impact';

/** A public 17.2.1 policy created in 2024 with a file: every point for the 2025 edition. */
function anItem(overrides: Partial<ReadinessItemInput> = {}): ReadinessItemInput {
  return {
    id: 'i1',
    sdg: 17,
    metricCode: '17.2.1',
    kind: 'policy',
    title: 'Schéma directeur DD&RS',
    createdOn: '2024-03-01',
    reviewedOn: null,
    publicUrl: 'https://www.example.org/sdd',
    hasFile: true,
    figureMilli: null,
    isDraft: false,
    ...overrides,
  };
}
const W2025 = defaultPolicyWindow(2025);

describe('the catalogue', () => {
  test('each SDG weighs 100 % in all and SDG 17 is the mandatory one at 22 %', () => {
    for (const s of THE_CATALOGUE.sdgs) {
      const total = s.metrics.reduce((sum, m) => sum + m.weight, 0);
      expect(Math.round(total * 100) / 100, `SDG ${s.number}`).toBe(100);
    }
    expect(THE_CATALOGUE.overall).toMatchObject({
      mandatorySdg: 17,
      mandatoryWeightPercent: 22,
      otherWeightPercent: 26,
    });
  });

  test('every metric cites references listed in the file', () => {
    for (const m of THE_CATALOGUE.sdgs.flatMap((s) => s.metrics)) {
      expect(m.sources.length, m.code).toBeGreaterThan(0);
      for (const ref of m.sources) expect(THE_CATALOGUE.references[String(ref)], `${m.code} [${ref}]`).toBeDefined();
    }
  });

  test('SDG 17 is always submitted and SDGs outside the catalogue are dropped', () => {
    expect(normaliseSdgChoice([13, 4, 4, 99])).toEqual([4, 13, 17]);
    expect(normaliseSdgChoice([])).toEqual([17]);
  });
});

describe('the accepted window', () => {
  test('the 2025 edition accepts 2021 to 2025 by default, edges included', () => {
    expect(W2025).toEqual({ startYear: 2021, endYear: 2025 });
    expect(isInWindow('2021-01-01', W2025)).toBe(true);
    expect(isInWindow('2025-12-31', W2025)).toBe(true);
    expect(isInWindow('2020-12-31', W2025)).toBe(false);
    expect(isInWindow('2026-01-01', W2025)).toBe(false);
  });

  test('a policy created before the window but reviewed inside it keeps its date point', () => {
    const r = checkItem(anItem({ createdOn: '2015-06-01', reviewedOn: '2021-01-01' }), 'evidence', W2025);
    expect(r).toMatchObject({ issues: [], earned: 4, possible: 4 });
  });

  test('a policy created and reviewed outside the window loses the date point', () => {
    const before = checkItem(anItem({ createdOn: '2020-12-31' }), 'evidence', W2025);
    expect(before.issues).toEqual(['theImpact.issue.outsideWindow']);
    expect(before.earned).toBe(3);
    const after = checkItem(anItem({ createdOn: '2026-01-01' }), 'evidence', W2025);
    expect(after.issues).toEqual(['theImpact.issue.outsideWindow']);
  });

  test('a policy without any date loses the date point; an initiative has none to lose', () => {
    expect(checkItem(anItem({ createdOn: null }), 'evidence', W2025).issues).toEqual(['theImpact.issue.noPolicyDate']);
    expect(checkItem(anItem({ kind: 'initiative', createdOn: null }), 'evidence', W2025)).toMatchObject({
      issues: [],
      earned: 3,
      possible: 3,
    });
  });
});

describe('what loses points', () => {
  test('no public URL loses the public point, and with no file the evidence point too', () => {
    expect(checkItem(anItem({ publicUrl: null }), 'evidence', W2025)).toMatchObject({
      issues: ['theImpact.issue.noPublicUrl'],
      earned: 3,
    });
    expect(checkItem(anItem({ publicUrl: null, hasFile: false }), 'evidence', W2025)).toMatchObject({
      issues: ['theImpact.issue.noPublicUrl', 'theImpact.issue.noFileNoUrl'],
      earned: 2,
    });
  });

  test('a continuous metric without a figure is flagged on the item and on the metric', () => {
    const item = anItem({ sdg: 7, metricCode: '7.3', kind: 'initiative', figureMilli: null });
    expect(checkItem(item, 'continuous', W2025).issues).toContain('theImpact.issue.missingFigure');
    const readiness = checkReadiness([7, 17], [item], W2025);
    const metric = readiness.sdgs[0].metrics.find((m) => m.code === '7.3');
    expect(metric?.issues).toEqual(['theImpact.issue.noFigure']);
    const withFigure = checkReadiness([7], [{ ...item, figureMilli: 512 }], W2025).sdgs[0];
    expect(withFigure.metrics.find((m) => m.code === '7.3')?.issues).toEqual([]);
  });

  test('an evidence metric without any item is flagged; research metrics never are', () => {
    const readiness = checkReadiness([17], [anItem()], W2025);
    const byCode = Object.fromEntries(readiness.sdgs[0].metrics.map((m) => [m.code, m.issues]));
    expect(byCode['17.2.1']).toEqual([]);
    expect(byCode['17.2.2']).toEqual(['theImpact.issue.noEvidence']);
    expect(byCode['17.1']).toEqual([]);
    expect(readiness.sdgs[0].metrics.find((m) => m.code === '17.1')?.ratio).toBeNull();
  });

  test('a draft copied from last edition earns nothing until confirmed', () => {
    expect(checkItem(anItem({ isDraft: true }), 'evidence', W2025)).toMatchObject({
      issues: ['theImpact.issue.draft'],
      earned: 0,
    });
  });
});

describe('completeness and estimate per SDG', () => {
  test('SDG 17 with only 17.3 and 17.4 complete: 2 of 7 metrics, estimate = their weight share', () => {
    const items = [
      anItem({ id: 'a', metricCode: '17.3', kind: 'initiative' }),
      anItem({ id: 'b', metricCode: '17.4', kind: 'initiative' }),
    ];
    const s = checkReadiness([17], items, W2025).sdgs[0];
    // 7 supplied metrics (17.2.1-17.2.5, 17.3, 17.4); 2 complete = 29 %.
    expect(s.completenessPercent).toBe(29);
    // (27.2 + 27.2) / (5 x 3.7 + 27.2 + 27.2) = 54.4 / 72.9 = 74.6 %.
    expect(s.estimatedScore).toBe(74.6);
    expect(s.issueCount).toBe(5);
  });

  test('the best item of a metric counts, not the sum of its items', () => {
    const items = [anItem({ id: 'a', publicUrl: null, hasFile: false }), anItem({ id: 'b' })];
    const metric = checkReadiness([17], items, W2025).sdgs[0].metrics.find((m) => m.code === '17.2.1');
    expect(metric?.ratio).toBe(1);
  });
});
