import { type Periodicity, periodsBetween } from '../indicators/periods';
import { expectedShare, type IndicatorDefinition, isDone, isMilestoneLike, type Observation, plain } from './progress';

/** One point of an indicator's chart: what was recorded, what the linear trajectory expected, the target. */
export interface SeriesPoint {
  period: string;
  periodEnd: string;
  /** The counted value (milestones: 1 done, 0 not yet); null when the period has none. */
  value: number | null;
  /** The straight line from the baseline to the target, read at the period's end; null before the baseline date. */
  expected: number | null;
  target: number | null;
  /** State of the value (submitted | validated), null without value. */
  state: string | null;
}

function plotted(def: IndicatorDefinition, o: Observation): number | null {
  if (isMilestoneLike(def)) return isDone(o) ? 1 : 0;
  return o.value;
}

/**
 * Every period from the baseline (or the first value) to the deadline (or the
 * last value), so gaps show as gaps. Values recorded under another
 * periodicity (the definition changed since) are kept, in date order.
 */
export function trajectorySeries(
  def: IndicatorDefinition & { periodicity: Periodicity },
  observations: readonly Observation[],
): SeriesPoint[] {
  if (def.kind === 'text') return [];
  const milestone = isMilestoneLike(def);
  const { baselineValue: b, targetValue: t, baselineDate: bd, targetDate: td } = def;
  const ends = [bd, td, ...observations.map((o) => o.periodEnd)].filter((d): d is string => Boolean(d)).sort();
  if (ends.length === 0) return [];
  const byPeriod = new Map(observations.map((o) => [o.period, o]));
  const expectedAt = (end: string) => {
    if (milestone || b === null || t === null || !bd || !td || bd >= td || end < bd) return null;
    return plain(b + (t - b) * expectedShare(bd, td, end));
  };
  const target = milestone ? 1 : t;
  const points: SeriesPoint[] = periodsBetween(def.periodicity, ends[0], ends[ends.length - 1]).map((p) => {
    const o = byPeriod.get(p.label);
    byPeriod.delete(p.label);
    return {
      period: p.label,
      periodEnd: p.end,
      value: o ? plotted(def, o) : null,
      expected: expectedAt(p.end),
      target,
      state: o?.state ?? null,
    };
  });
  for (const o of byPeriod.values()) {
    points.push({
      period: o.period,
      periodEnd: o.periodEnd,
      value: plotted(def, o),
      expected: expectedAt(o.periodEnd),
      target,
      state: o.state,
    });
  }
  return points.sort((x, y) => (x.periodEnd < y.periodEnd ? -1 : x.periodEnd > y.periodEnd ? 1 : 0));
}
