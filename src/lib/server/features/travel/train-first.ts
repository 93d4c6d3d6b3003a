import type { TravelMode } from './modes';

/**
 * Trajectoire's door-to-door train time model (a screening estimate, not a timetable):
 * - rail distance = great-circle x 1.2 (GES 1point5 rail correction; Nos Gestes Climat uses the same 1.2 ratio
 *   for "train distance replacing a short-haul flight");
 * - up to 150 rail-km: regional train at 80 km/h, no access time added;
 * - beyond, with both ends in France: high-speed network at 200 km/h average including stops, plus 30 min
 *   of access to and from stations; otherwise (abroad or cross-border) 120 km/h plus the same 30 min;
 * - a long trip never takes less than the 150-km regional trip (1 h 52 min): the time stays flat until the
 *   faster network catches up, so the estimate grows with distance and has no jump at 150 km.
 * Checks: Paris–Alès (542 km) gives 3.75 h, Paris–Lyon (393 km) 2.86 h.
 */
export const TRAIN_TIME_MODEL = Object.freeze({
  railDetourMultiplier: 1.2,
  regionalMaxRailKm: 150,
  regionalSpeedKmh: 80,
  highSpeedKmh: 200,
  abroadSpeedKmh: 120,
  accessHours: 0.5,
});

/** Estimated door-to-door train time, in hours, for a great-circle distance. */
export function estimateTrainHours(greatCircleKm: number, withinFrance: boolean): number {
  const m = TRAIN_TIME_MODEL;
  const railKm = greatCircleKm * m.railDetourMultiplier;
  const regionalHours = Math.min(railKm, m.regionalMaxRailKm) / m.regionalSpeedKmh;
  if (railKm <= m.regionalMaxRailKm) return regionalHours;
  const speed = withinFrance ? m.highSpeedKmh : m.abroadSpeedKmh;
  return Math.max(regionalHours, m.accessHours + railKm / speed);
}

/**
 * Train-first thresholds. Defaults follow the MTE/MATD instruction of 11 March 2025 (train mandatory under 4 h;
 * plane only when the train takes more than 6 h); the institution may set its own.
 */
export type TrainFirstRule = { justifyUnderHours: number; flagUnderHours: number };
export const DEFAULT_TRAIN_FIRST_RULE: TrainFirstRule = Object.freeze({ justifyUnderHours: 4, flagUnderHours: 6 });

export type TrainFirstVerdict = 'justification_required' | 'flagged' | 'ok';

/** Verdict on a flight from the train time it replaces: strictly under each threshold triggers it. */
export function trainFirstVerdict(
  trainHours: number,
  rule: TrainFirstRule = DEFAULT_TRAIN_FIRST_RULE,
): TrainFirstVerdict {
  if (rule.justifyUnderHours > rule.flagUnderHours) {
    throw new RangeError('trainFirstVerdict: justifyUnderHours must not exceed flagUnderHours');
  }
  if (trainHours < rule.justifyUnderHours) return 'justification_required';
  if (trainHours < rule.flagUnderHours) return 'flagged';
  return 'ok';
}

/** The train-first check applies to flights only; other modes are 'not_applicable'. */
export function trainFirstCheck(
  mode: TravelMode,
  greatCircleKm: number,
  withinFrance: boolean,
  rule: TrainFirstRule = DEFAULT_TRAIN_FIRST_RULE,
): { verdict: TrainFirstVerdict; trainHours: number } | { verdict: 'not_applicable' } {
  if (mode !== 'plane') return { verdict: 'not_applicable' };
  const trainHours = estimateTrainHours(greatCircleKm, withinFrance);
  return { verdict: trainFirstVerdict(trainHours, rule), trainHours };
}
