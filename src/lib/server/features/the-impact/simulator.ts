/**
 * The overall score simulator: SDG 17 x 22 % + the three best other SDGs x 26 %
 * each, and eligibility for the overall table (SDG 17 + at least three other
 * SDGs) [30][31][50]. THE scales each SDG score against the other universities
 * before choosing the best three, so a simulation from the institution's own
 * scores is indicative only. Pure: no I/O.
 */
import { MANDATORY_SDG, THE_CATALOGUE } from './the-impact';

export interface SdgScore {
  sdg: number;
  /** 0-100; null when the SDG has no score (not submitted or not typed). */
  score: number | null;
}

export type IneligibleReason =
  | { code: 'theImpact.simulator.reason.noSdg17' }
  | { code: 'theImpact.simulator.reason.tooFewOthers'; params: { count: number; needed: number } };

export interface Contribution {
  sdg: number;
  score: number;
  weightPercent: number;
  /** score x weight, one decimal. */
  points: number;
}

export type Simulation =
  | { eligible: true; overall: number; contributions: Contribution[]; notCounted: number[] }
  | { eligible: false; reasons: IneligibleReason[] };

const round1 = (n: number) => Math.round(n * 10) / 10;

export function isValidScore(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 100;
}

/** The overall score from one score per SDG, or why the institution would not be in the overall table. */
export function simulateOverall(scores: readonly SdgScore[]): Simulation {
  const { mandatoryWeightPercent, otherSdgsCounted, otherWeightPercent } = THE_CATALOGUE.overall;
  const scored = scores.filter((s): s is { sdg: number; score: number } => s.score !== null && isValidScore(s.score));
  const mandatory = scored.find((s) => s.sdg === MANDATORY_SDG);
  // Best first; equal scores keep the lower SDG number first, so the result never depends on input order.
  const others = scored.filter((s) => s.sdg !== MANDATORY_SDG).sort((a, b) => b.score - a.score || a.sdg - b.sdg);
  const reasons: IneligibleReason[] = [];
  if (!mandatory) reasons.push({ code: 'theImpact.simulator.reason.noSdg17' });
  if (others.length < otherSdgsCounted) {
    reasons.push({
      code: 'theImpact.simulator.reason.tooFewOthers',
      params: { count: others.length, needed: otherSdgsCounted },
    });
  }
  if (!mandatory || reasons.length > 0) return { eligible: false, reasons };
  const counted = others.slice(0, otherSdgsCounted);
  const contributions: Contribution[] = [
    { sdg: MANDATORY_SDG, score: mandatory.score, weightPercent: mandatoryWeightPercent },
    ...counted.map((c) => ({ sdg: c.sdg, score: c.score, weightPercent: otherWeightPercent })),
  ].map((c) => ({ ...c, points: round1((c.score * c.weightPercent) / 100) }));
  const overall = round1(contributions.reduce((s, c) => s + (c.score * c.weightPercent) / 100, 0));
  return { eligible: true, overall, contributions, notCounted: others.slice(otherSdgsCounted).map((o) => o.sdg) };
}

/** A score typed with a French or English decimal separator: the number, null when empty, NaN when not a 0-100 score. */
export function parseScoreText(raw: string): number | null {
  const text = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const n = /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  return isValidScore(n) ? Math.round(n * 10) / 10 : Number.NaN;
}
