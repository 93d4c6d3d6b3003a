/**
 * The estimate of a whole mission, leg by leg, as a declaration would store
 * it: every leg resolved and computed, the train-first verdict of each flight,
 * each leg priced at the institution's carbon price of its year. Nothing is
 * stored here; `legRowsOf` turns an estimate into the rows `declareTrip` writes.
 */
import type { Insertable, Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type EstimateErrorCode, type EstimateResult, estimateTrip, type TripEstimate } from './estimate.service';
import { type CarbonPrice, getCarbonPrice } from './fund.service';
import type { MethodKey } from './methods';
import { loadResolverMemory } from './place-review.service';
import type { PlaceResolution } from './places';
import type { PlaceLanguage } from './places-countries';
import type { TripLegTable } from './travel.table';
import type { TravelSettings } from './travel-settings';
import { getTravelSettings } from './travel-settings.service';
import { type TripInput, type TripLegInput, toMetres, toMicro } from './trips';

/** One leg of a mission with what was asked (its own date resolved) and what it costs. */
export interface MissionLegEstimate extends TripEstimate {
  position: number;
  input: TripLegInput & { date: string };
}

export interface MissionEstimate {
  legs: MissionLegEstimate[];
  /** Sum of the legs, per traveller. */
  emissionsGrams: number;
  /** Sum of the legs' contributions (each leg rounded once, as stored). */
  contributionCents: number;
  /** A flight leg the train-first rule asks to justify: the mission needs a justification. */
  justificationRequired: boolean;
  /** The carbon settings every leg was computed with. */
  settings: CarbonSettings;
}

/**
 * A mission with a leg that cannot be computed: the first such leg (0-based)
 * with its places' candidates, and the outcome of every leg so a form can
 * show them all.
 */
export interface MissionEstimateRefusal {
  ok: false;
  error: { code: EstimateErrorCode };
  legIndex: number;
  from: PlaceResolution;
  to: PlaceResolution;
  legs: EstimateResult[];
}

export type MissionEstimateResult = { ok: true; value: MissionEstimate } | MissionEstimateRefusal;

export interface CarbonSettings {
  methodKey: MethodKey;
  contrails: boolean;
}

/** Every leg of a mission estimated with the institution's carbon price of the leg's year. */
export async function estimateMission(
  db: Kysely<DB>,
  institutionId: string,
  input: TripInput,
  options: { language?: PlaceLanguage; settings?: TravelSettings } = {},
): Promise<MissionEstimateResult> {
  // Always the institution's settings (/travel/settings, ADR 7): a declarant cannot pick the figure they
  // prefer, and every stored trip is computed alike. A method or contrails setting sent with the input is
  // ignored. A caller that already read them passes them.
  const travelSettings = options.settings ?? (await getTravelSettings(db, institutionId));
  const { trainFirstRule } = travelSettings;
  const settings: CarbonSettings = { methodKey: travelSettings.methodKey, contrails: travelSettings.contrails };
  // People's answers on the review list of places resolve their texts here too.
  const memory = await loadResolverMemory(db, institutionId, options.language ?? 'fr');
  const prices = new Map<number, CarbonPrice>();
  const priceOfYear = async (year: number) => {
    let price = prices.get(year);
    if (!price) {
      price = await getCarbonPrice(db, institutionId, year);
      prices.set(year, price);
    }
    return price;
  };
  const legs = input.legs.map((leg) => ({ ...leg, date: leg.date ?? input.date }));
  const results: EstimateResult[] = [];
  for (const leg of legs) {
    const price = await priceOfYear(Number(leg.date.slice(0, 4)));
    const result = await estimateTrip({
      from: leg.from,
      to: leg.to,
      fromCountry: leg.fromCountry,
      toCountry: leg.toCountry,
      mode: leg.mode,
      cabinClass: leg.cabinClass,
      roundTrip: leg.roundTrip,
      passengers: leg.passengers,
      ...settings,
      trainFirstRule,
      memory,
      date: leg.date,
      pricePerTonneEuros: price.pricePerTonneEuros,
      language: options.language ?? 'fr',
    });
    // A suggested price keeps its source, so the reader knows the institution has not set its own.
    const priced = { pricePerTonneEuros: price.pricePerTonneEuros, source: price.source };
    results.push(result.ok ? { ok: true, value: { ...result.value, price: priced } } : result);
  }
  const estimates: MissionLegEstimate[] = [];
  for (const [position, result] of results.entries()) {
    if (!result.ok) {
      return { ok: false, error: result.error, legIndex: position, from: result.from, to: result.to, legs: results };
    }
    estimates.push({ ...result.value, position, input: legs[position] });
  }
  return {
    ok: true,
    value: {
      legs: estimates,
      emissionsGrams: estimates.reduce((sum, l) => sum + l.leg.emissionsGrams, 0),
      contributionCents: estimates.reduce((sum, l) => sum + l.contributionCents, 0),
      justificationRequired: estimates.some((l) => l.trainFirst.verdict === 'justification_required'),
      settings,
    },
  };
}

/** The stored legs of a mission: places as typed and as resolved, and every figure of the estimate. */
export function legRowsOf(tripId: string, estimate: MissionEstimate): Insertable<TripLegTable>[] {
  return estimate.legs.map((l) => {
    const from = l.from.place;
    const to = l.to.place;
    // estimateTrip only succeeds with both places resolved.
    if (!from || !to) throw new Error('estimate without resolved places');
    const { leg, trainFirst } = l;
    return {
      id: newId(),
      trip_id: tripId,
      position: l.position,
      from_text: l.input.from,
      from_name: from.name,
      from_country: from.country,
      from_lat_micro: toMicro(from.lat),
      from_lon_micro: toMicro(from.lon),
      to_text: l.input.to,
      to_name: to.name,
      to_country: to.country,
      to_lat_micro: toMicro(to.lat),
      to_lon_micro: toMicro(to.lon),
      mode: l.input.mode,
      cabin_class: leg.cabinClass ?? null,
      round_trip: l.input.roundTrip ? 1 : 0,
      passengers: l.input.passengers,
      contrails: estimate.settings.contrails ? 1 : 0,
      method_key: leg.methodKey,
      method_version: leg.methodVersion,
      factor_key: leg.factor.key,
      factor_value_milli: Math.round(leg.factor.value * 1000),
      factor_unit: leg.factor.unit,
      factor_source: leg.factor.source,
      great_circle_m: toMetres(leg.greatCircleKm),
      distance_m: toMetres(leg.distanceKm),
      emissions_g: leg.emissionsGrams,
      train_hours_milli: trainFirst.verdict === 'not_applicable' ? null : Math.round(trainFirst.trainHours * 1000),
      train_verdict: trainFirst.verdict,
      price_cents_per_tonne: Math.round(l.price.pricePerTonneEuros * 100),
      contribution_cents: l.contributionCents,
      steps_json: JSON.stringify(leg.steps),
      leg_date: l.input.date,
    };
  });
}
