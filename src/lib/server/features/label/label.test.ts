import { describe, expect, test } from 'vitest';
import type { SessionUser } from '../auth';
import {
  assessmentYearChoices,
  canEditLabel,
  canReadLabelDetail,
  distanceToLevel,
  evidenceInputSchema,
  itemsToCopy,
  roundLevel,
  roundMean,
  type ScoredCriterion,
  scoreAssessment,
} from './label';

const AXES = ['strategy_governance', 'teaching', 'research_innovation', 'campus_environment', 'social_territorial'];

/** Criteria of one axis with the given levels: c('teaching', 3, null) -> teaching-1 at 3, teaching-2 unassessed. */
function c(axisCode: string, ...levels: (number | null)[]): ScoredCriterion[] {
  return levels.map((level, i) => ({ id: `${axisCode}-${i + 1}`, axisCode, level }));
}

const userWith = (role: SessionUser['role']) => ({ role }) as SessionUser;

describe('levels of an assessment', () => {
  test('an axis level is the mean of its assessed criteria, rounded half up, the mean kept unrounded', () => {
    const score = scoreAssessment(AXES, [...c('strategy_governance', 2, 3), ...c('teaching', 2, 2, 3)]);
    expect(score.axes[0]).toMatchObject({ criteria: 2, assessed: 2, mean: 2.5, level: 3 });
    // 7 / 3 = 2.33 -> 2.
    expect(roundMean(score.axes[1].mean ?? 0)).toBe(2.33);
    expect(score.axes[1].level).toBe(2);
  });

  test('criteria without a level are gaps, never zeros', () => {
    const score = scoreAssessment(AXES, c('teaching', 4, null, null));
    expect(score.axes[1]).toMatchObject({ criteria: 3, assessed: 1, mean: 4, level: 4 });
    expect(score.axes[1].gaps).toEqual(['teaching-2', 'teaching-3']);
    expect(score.gaps).toEqual(['teaching-2', 'teaching-3']);
  });

  test('an axis with nothing assessed has no level and stays out of the global level', () => {
    const score = scoreAssessment(AXES, [
      ...c('strategy_governance', 4),
      ...c('teaching', 1, 2),
      ...c('social_territorial', null),
    ]);
    expect(score.axes[2]).toMatchObject({ criteria: 0, assessed: 0, mean: null, level: null });
    expect(score.axes[4]).toMatchObject({ criteria: 1, assessed: 0, mean: null, level: null });
    // Axis levels 4 and 2 (1.5 rounds to 2): global mean 3.
    expect(score).toMatchObject({ axesAssessed: 2, globalMean: 3, globalLevel: 3 });
  });

  test('the global level is the rounded mean of the axes levels', () => {
    const score = scoreAssessment(AXES, [
      ...c('strategy_governance', 3),
      ...c('teaching', 3),
      ...c('research_innovation', 2),
      ...c('campus_environment', 4),
      ...c('social_territorial', 2),
    ]);
    // (3 + 3 + 2 + 4 + 2) / 5 = 2.8 -> 3.
    expect(roundMean(score.globalMean ?? 0)).toBe(2.8);
    expect(score.globalLevel).toBe(3);
    expect(scoreAssessment(AXES, [])).toMatchObject({ globalMean: null, globalLevel: null, axesAssessed: 0 });
  });

  test('rounding is half up on means of levels', () => {
    expect([1.49, 1.5, 2.5, 3.5, 4.4999, 4.5].map(roundLevel)).toEqual([1, 2, 3, 4, 4, 5]);
  });

  test('the distance to a chosen level is neutral: zero at or above it, nothing without a mean', () => {
    expect(distanceToLevel(2.5, 4)).toBe(1.5);
    expect(distanceToLevel(4.2, 4)).toBe(0);
    expect(distanceToLevel(null, 4)).toBeNull();
  });
});

describe('copy from last year', () => {
  test('levels and justifications of criteria still in use are copied; retired and empty ones are not', () => {
    const previous = [
      { criterionId: 'a', level: 3, justification: 'Schéma directeur adopté' },
      { criterionId: 'b', level: 2, justification: null },
      { criterionId: 'retired', level: 4, justification: 'x' },
      { criterionId: 'empty', level: null, justification: null },
    ];
    expect(itemsToCopy(previous, new Set(['a', 'b', 'empty']))).toEqual(previous.slice(0, 2));
  });
});

describe('roles and inputs', () => {
  test('the officer edits; the committee reads the detail; the others read the summary only', () => {
    expect(canEditLabel(userWith('admin'))).toBe(true);
    for (const role of ['committee', 'pilot', 'contributor', 'viewer'] as const)
      expect(canEditLabel(userWith(role))).toBe(false);
    expect(canReadLabelDetail(userWith('committee'))).toBe(true);
    for (const role of ['pilot', 'contributor', 'viewer'] as const)
      expect(canReadLabelDetail(userWith(role))).toBe(false);
  });

  test('evidence links are http or https addresses only', () => {
    const url = (u: string) => evidenceInputSchema.safeParse({ kind: 'url', criterionId: 'x', url: u }).success;
    expect(url('https://www.imt-mines-ales.fr/rse')).toBe(true);
    expect(url('javascript:alert(1)')).toBe(false);
    expect(url('data:text/html,<b>')).toBe(false);
    expect(url('ftp://example.org/a')).toBe(false);
    expect(url('www.example.org')).toBe(false);
  });

  test('years run from the label creation (2015) to next year, newest first', () => {
    const years = assessmentYearChoices(2026);
    expect(years[0]).toBe(2027);
    expect(years.at(-1)).toBe(2015);
  });
});
