import { contributionCents } from './compensation';
import { type CalculationStep, computeLeg } from './footprint';
import type { CarbonMethod } from './methods';
import { CABIN_CLASSES, type CabinClass } from './modes';
import { estimateTrainHours, type TrainFirstRule, trainFirstVerdict } from './train-first';
import { toMetres } from './trips';

/** Why stored trips were recomputed: the institution changed its settings, or a new factor set was published. */
export const RECOMPUTE_REASONS = ['settings', 'factor_set'] as const;
export type RecomputeReason = (typeof RECOMPUTE_REASONS)[number];

/** The columns of a stored leg a recomputation reads: its inputs and the figures it may replace (no steps). */
export const STORED_LEG_COLUMNS = [
  'trip_leg.id',
  'trip_leg.mode',
  'trip_leg.cabin_class',
  'trip_leg.round_trip',
  'trip_leg.passengers',
  'trip_leg.from_country',
  'trip_leg.from_lat_micro',
  'trip_leg.from_lon_micro',
  'trip_leg.to_country',
  'trip_leg.to_lat_micro',
  'trip_leg.to_lon_micro',
  'trip_leg.contrails',
  'trip_leg.method_key',
  'trip_leg.method_version',
  'trip_leg.factor_key',
  'trip_leg.factor_value_milli',
  'trip_leg.factor_unit',
  'trip_leg.factor_source',
  'trip_leg.great_circle_m',
  'trip_leg.distance_m',
  'trip_leg.emissions_g',
  'trip_leg.train_hours_milli',
  'trip_leg.train_verdict',
  'trip_leg.price_cents_per_tonne',
  'trip_leg.contribution_cents',
] as const;

export interface StoredLeg {
  id: string;
  mode: string;
  cabin_class: string | null;
  round_trip: number;
  passengers: number;
  from_country: string;
  from_lat_micro: number;
  from_lon_micro: number;
  to_country: string;
  to_lat_micro: number;
  to_lon_micro: number;
  contrails: number;
  method_key: string;
  method_version: string;
  factor_key: string;
  factor_value_milli: number;
  factor_unit: string;
  factor_source: string;
  great_circle_m: number;
  distance_m: number;
  emissions_g: number;
  train_hours_milli: number | null;
  train_verdict: string;
  price_cents_per_tonne: number;
  contribution_cents: number;
}

/**
 * The new values of a changed leg. `steps` is written as steps_json; null keeps
 * the stored steps (only the verdict changed). The steps stay objects here so
 * the batch is serialised once (trip-recompute.queries.ts).
 */
export interface LegUpdate {
  id: string;
  method_key: string;
  method_version: string;
  factor_key: string;
  factor_value_milli: number;
  factor_unit: string;
  factor_source: string;
  great_circle_m: number;
  distance_m: number;
  emissions_g: number;
  contrails: number;
  contribution_cents: number;
  train_hours_milli: number | null;
  train_verdict: string;
  steps: CalculationStep[] | null;
}

/** What stored legs are recomputed with: the method's current factor set, the contrails choice, and maybe a new rule. */
export interface RecomputeTarget {
  method: CarbonMethod;
  contrails: boolean;
  /** False when only the train-first rule changed: emission figures are left as stored. */
  figures: boolean;
  /** Given when the train-first thresholds changed: flights' verdicts are re-evaluated with it. */
  trainFirstRule?: TrainFirstRule;
}

/** A stored leg the target method cannot compute (no factor for its mode, invalid stored value): the run stops. */
export class RecomputeLegError extends Error {
  constructor(
    readonly code: string,
    readonly legId: string,
  ) {
    super(`leg ${legId} cannot be recomputed: ${code}`);
  }
}

export interface LegOutcome {
  /** Null when nothing stored would change. */
  update: LegUpdate | null;
  /** The emission figures (method, factor, distance, grams, contrails) changed, not only the verdict. */
  figuresChanged: boolean;
  verdictChanged: boolean;
  emissionsAfterG: number;
  contributionAfterCents: number;
  factorKeyAfter: string;
  factorMilliAfter: number;
  factorUnitAfter: string;
}

/** Modes whose factor in the method carries a contrail component: only their legs change with the contrails choice. */
export function modesWithContrails(method: CarbonMethod): ReadonlySet<string> {
  return new Set(method.factors.filter((f) => (f.components?.contrails ?? 0) > 0).flatMap((f) => f.modes));
}

const MICRO = 1_000_000;
const MILLI = 1000;
const CENTS_PER_EURO = 100;

function isCabinClass(value: string | null): value is CabinClass {
  return value !== null && (CABIN_CLASSES as readonly string[]).includes(value);
}

/** The leg's train-first verdict under a new rule, from its stored train time (computed once, at declaration). */
function reevaluatedVerdict(leg: StoredLeg, rule: TrainFirstRule): { trainHoursMilli: number | null; verdict: string } {
  if (leg.mode !== 'plane') return { trainHoursMilli: leg.train_hours_milli, verdict: leg.train_verdict };
  const trainHours =
    leg.train_hours_milli !== null
      ? leg.train_hours_milli / MILLI
      : estimateTrainHours(leg.great_circle_m / MILLI, leg.from_country === 'FR' && leg.to_country === 'FR');
  return { trainHoursMilli: Math.round(trainHours * MILLI), verdict: trainFirstVerdict(trainHours, rule) };
}

/**
 * Recomputes one stored leg from its stored coordinates, countries, mode, cabin, round trip and passengers
 * (no place is resolved again). A leg already computed with the target method, version and (for modes that
 * have one) contrail choice keeps its figures untouched: recomputing it from coordinates rounded to the
 * microdegree could move a figure by a metre or a gram without any change of method.
 */
export function recomputeLeg(leg: StoredLeg, target: RecomputeTarget, contrailModes: ReadonlySet<string>): LegOutcome {
  const { method } = target;
  const contrailsFlag = target.contrails ? 1 : 0;
  const needsFigures =
    target.figures &&
    (leg.method_key !== method.key ||
      leg.method_version !== method.version ||
      (leg.contrails !== contrailsFlag && contrailModes.has(leg.mode)));
  let trainHoursMilli = leg.train_hours_milli;
  let trainVerdict = leg.train_verdict;
  if (target.trainFirstRule) {
    const verdict = reevaluatedVerdict(leg, target.trainFirstRule);
    trainHoursMilli = verdict.trainHoursMilli;
    trainVerdict = verdict.verdict;
  }
  const verdictChanged = trainVerdict !== leg.train_verdict || trainHoursMilli !== leg.train_hours_milli;

  if (!needsFigures) {
    return {
      update: verdictChanged
        ? {
            id: leg.id,
            method_key: leg.method_key,
            method_version: leg.method_version,
            factor_key: leg.factor_key,
            factor_value_milli: leg.factor_value_milli,
            factor_unit: leg.factor_unit,
            factor_source: leg.factor_source,
            great_circle_m: leg.great_circle_m,
            distance_m: leg.distance_m,
            emissions_g: leg.emissions_g,
            contrails: leg.contrails,
            contribution_cents: leg.contribution_cents,
            train_hours_milli: trainHoursMilli,
            train_verdict: trainVerdict,
            steps: null,
          }
        : null,
      figuresChanged: false,
      verdictChanged,
      emissionsAfterG: leg.emissions_g,
      contributionAfterCents: leg.contribution_cents,
      factorKeyAfter: leg.factor_key,
      factorMilliAfter: leg.factor_value_milli,
      factorUnitAfter: leg.factor_unit,
    };
  }

  const computed = computeLeg({
    from: { lat: leg.from_lat_micro / MICRO, lon: leg.from_lon_micro / MICRO, country: leg.from_country },
    to: { lat: leg.to_lat_micro / MICRO, lon: leg.to_lon_micro / MICRO, country: leg.to_country },
    // computeLeg refuses an unknown mode with a code; the cast only lets it see the stored text.
    mode: leg.mode as never,
    cabinClass: isCabinClass(leg.cabin_class) ? leg.cabin_class : undefined,
    roundTrip: leg.round_trip === 1,
    passengers: leg.passengers,
    method,
    options: { contrails: target.contrails },
  });
  if (!computed.ok) throw new RecomputeLegError(computed.error.code, leg.id);
  const value = computed.value;
  const factor = value.factor;
  const emissions = value.emissionsGrams;
  const factorMilli = Math.round(factor.value * MILLI);
  const greatCircleM = toMetres(value.greatCircleKm);
  const distanceM = toMetres(value.distanceKm);
  const contribution = contributionCents(emissions, leg.price_cents_per_tonne / CENTS_PER_EURO);
  // Compared field by field: a million legs make allocations count.
  const figuresChanged =
    value.methodKey !== leg.method_key ||
    value.methodVersion !== leg.method_version ||
    factor.key !== leg.factor_key ||
    factorMilli !== leg.factor_value_milli ||
    factor.unit !== leg.factor_unit ||
    factor.source !== leg.factor_source ||
    greatCircleM !== leg.great_circle_m ||
    distanceM !== leg.distance_m ||
    emissions !== leg.emissions_g ||
    contrailsFlag !== leg.contrails ||
    contribution !== leg.contribution_cents;
  return {
    update:
      figuresChanged || verdictChanged
        ? {
            id: leg.id,
            method_key: value.methodKey,
            method_version: value.methodVersion,
            factor_key: factor.key,
            factor_value_milli: factorMilli,
            factor_unit: factor.unit,
            factor_source: factor.source,
            great_circle_m: greatCircleM,
            distance_m: distanceM,
            emissions_g: emissions,
            contrails: contrailsFlag,
            contribution_cents: contribution,
            train_hours_milli: trainHoursMilli,
            train_verdict: trainVerdict,
            steps: value.steps,
          }
        : null,
    figuresChanged,
    verdictChanged,
    emissionsAfterG: emissions,
    contributionAfterCents: contribution,
    factorKeyAfter: factor.key,
    factorMilliAfter: factorMilli,
    factorUnitAfter: factor.unit,
  };
}
