import { contributionCents, suggestedCarbonPrice } from './compensation';
import { computeLeg, type Leg, type LegErrorCode } from './footprint';
import { CARBON_METHODS, DEFAULT_METHOD_KEY, type MethodKey } from './methods';
import type { CabinClass, TravelMode } from './modes';
import { type PlaceResolution, type ResolverMemory, resolvePlaceIn } from './places';
import type { PlaceLanguage } from './places-countries';
import { loadPlaceIndex, type PlaceIndex } from './places-data';
import { DEFAULT_TRAIN_FIRST_RULE, type TrainFirstRule, type TrainFirstVerdict, trainFirstCheck } from './train-first';

/** A trip as a person or a script describes it: places as typed text. */
export interface EstimateInput {
  from: string;
  to: string;
  /** Country of each place when typed apart (name or ISO2), as in the GES 1point5 file. */
  fromCountry?: string;
  toCountry?: string;
  mode: TravelMode;
  cabinClass?: CabinClass;
  roundTrip: boolean;
  passengers?: number;
  methodKey?: MethodKey;
  contrails?: boolean;
  /** Internal carbon price (EUR per tonne); the suggested French value of the year when absent. */
  pricePerTonneEuros?: number;
  /** ISO date of the trip: picks the year of the suggested price. */
  date: string;
  language?: PlaceLanguage;
  trainFirstRule?: TrainFirstRule;
  /** Answers people gave earlier for a place text, consulted before the geodata. */
  memory?: ResolverMemory;
}

export interface TripEstimate {
  from: PlaceResolution;
  to: PlaceResolution;
  leg: Leg;
  trainFirst: { verdict: TrainFirstVerdict; trainHours: number } | { verdict: 'not_applicable' };
  price: { pricePerTonneEuros: number; source: string | null };
  contributionCents: number;
}

export type EstimateErrorCode = LegErrorCode | 'travel.estimate.placeNotResolved';

export type EstimateResult =
  | { ok: true; value: TripEstimate }
  | { ok: false; error: { code: EstimateErrorCode }; from: PlaceResolution; to: PlaceResolution };

/**
 * The footprint of one trip described in words, as an expense claim or the
 * declaration form asks for it: both places resolved offline (a place that is
 * not resolved with confidence stops the estimate and comes back with its
 * candidates), the leg computed with the method, the train-first verdict for
 * flights and the contribution to the internal fund. Nothing is stored.
 */
export async function estimateTrip(input: EstimateInput): Promise<EstimateResult> {
  return estimateTripIn(await loadPlaceIndex(), input);
}

/** `estimateTrip` against an already loaded index: synchronous, for batches. */
export function estimateTripIn(index: PlaceIndex, input: EstimateInput): EstimateResult {
  const options = { language: input.language ?? 'fr', memory: input.memory };
  const from = resolvePlaceIn(index, input.from, { ...options, country: input.fromCountry });
  const to = resolvePlaceIn(index, input.to, { ...options, country: input.toCountry });
  return estimateResolvedTrip(from, to, input);
}

/**
 * The estimate once both places are resolved (the texts of `input` are not
 * read again): an import resolves each distinct text once and reuses the answer.
 */
export function estimateResolvedTrip(from: PlaceResolution, to: PlaceResolution, input: EstimateInput): EstimateResult {
  if (from.status !== 'resolved' || to.status !== 'resolved' || !from.place || !to.place) {
    return { ok: false, error: { code: 'travel.estimate.placeNotResolved' }, from, to };
  }
  const method = CARBON_METHODS[input.methodKey ?? DEFAULT_METHOD_KEY];
  const leg = computeLeg({
    from: from.place,
    to: to.place,
    mode: input.mode,
    cabinClass: input.cabinClass,
    roundTrip: input.roundTrip,
    passengers: input.passengers,
    method,
    options: { contrails: input.contrails ?? true },
  });
  if (!leg.ok) return { ok: false, error: leg.error, from, to };
  const withinFrance = from.place.country === 'FR' && to.place.country === 'FR';
  const suggested = suggestedCarbonPrice(Number(input.date.slice(0, 4)));
  const price =
    input.pricePerTonneEuros === undefined
      ? { pricePerTonneEuros: suggested.pricePerTonneEuros, source: suggested.source }
      : { pricePerTonneEuros: input.pricePerTonneEuros, source: null };
  return {
    ok: true,
    value: {
      from,
      to,
      leg: leg.value,
      trainFirst: trainFirstCheck(
        input.mode,
        leg.value.greatCircleKm,
        withinFrance,
        input.trainFirstRule ?? DEFAULT_TRAIN_FIRST_RULE,
      ),
      price,
      contributionCents: contributionCents(leg.value.emissionsGrams, price.pricePerTonneEuros),
    },
  };
}
