/** What trip-footprint prints: the estimate as text in the user's language, or as one JSON object. */
import { numberFormat } from '../lib/intl';
import {
  CARBON_METHODS,
  DEFAULT_TRAIN_FIRST_RULE,
  type MethodKey,
  type PlaceResolution,
  type TravelMode,
  type TripEstimate,
} from '../lib/server/features/travel';
import type { Cli } from './cli';

/** Candidates listed for a place not recognised with confidence. */
const MAX_CANDIDATES_SHOWN = 5;

/** Rounds a number for output; the estimate keeps its full precision. */
function rounded(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export function placeJson(text: string, resolution: PlaceResolution) {
  const place = resolution.place;
  return {
    input: text,
    status: resolution.status,
    confidence: resolution.confidence,
    ...(place && resolution.status === 'resolved'
      ? {
          name: place.name,
          kind: place.kind,
          iata: place.iata ?? null,
          country: place.country,
          countryName: place.countryName,
          lat: place.lat,
          lon: place.lon,
        }
      : {
          candidates: resolution.candidates.map((c) => ({
            name: c.name,
            country: c.country,
            countryName: c.countryName,
          })),
        }),
  };
}

export function estimateJson(cli: Cli, fromText: string, toText: string, estimate: TripEstimate) {
  const { leg, trainFirst } = estimate;
  return {
    from: placeJson(fromText, estimate.from),
    to: placeJson(toText, estimate.to),
    distanceKm: rounded(leg.distanceKm, 3),
    greatCircleKm: rounded(leg.greatCircleKm, 3),
    factor: leg.factor,
    emissionsGrams: leg.emissionsGrams,
    method: leg.methodKey,
    methodVersion: leg.methodVersion,
    trainFirst:
      trainFirst.verdict === 'not_applicable'
        ? trainFirst
        : { verdict: trainFirst.verdict, trainHours: rounded(trainFirst.trainHours, 2) },
    contributionCents: estimate.contributionCents,
    price: estimate.price,
    steps: estimate.leg.steps.map((step) => ({ ...step, message: stepText(cli, step) })),
  };
}

function stepText(cli: Cli, step: TripEstimate['leg']['steps'][number]): string {
  return cli.t(step.code, step.params);
}

export function unresolvedLines(cli: Cli, text: string, resolution: PlaceResolution): string[] {
  const lines = [
    cli.t('cli.tripFootprint.placeNotResolved', { text, confidence: Math.round(resolution.confidence * 100) }),
  ];
  const candidates = resolution.candidates.slice(0, MAX_CANDIDATES_SHOWN);
  if (candidates.length === 0) {
    lines.push(cli.t('cli.tripFootprint.noCandidate'));
    return lines;
  }
  lines.push(cli.t('cli.tripFootprint.candidates'));
  for (const c of candidates) lines.push(`  - ${c.name} (${c.countryName})`);
  lines.push(cli.t('cli.tripFootprint.bePrecise', { example: `${candidates[0].name}, ${candidates[0].countryName}` }));
  return lines;
}

export interface TripDescription {
  mode: TravelMode;
  methodKey: MethodKey;
  date: string;
  roundTrip: boolean;
}

export function humanLines(cli: Cli, trip: TripDescription, estimate: TripEstimate): string[] {
  const { leg, trainFirst, price } = estimate;
  const decimals = (n: number) => numberFormat(cli.locale, { minimumFractionDigits: n, maximumFractionDigits: n });
  const method = CARBON_METHODS[trip.methodKey];
  const lines = [
    placeLine(cli, 'cli.tripFootprint.from', estimate.from),
    placeLine(cli, 'cli.tripFootprint.to', estimate.to),
    cli.t('cli.tripFootprint.mode', {
      mode: cli.t(`travel.mode.${trip.mode}`),
      trip: cli.t(trip.roundTrip ? 'cli.tripFootprint.roundTrip' : 'cli.tripFootprint.oneWay'),
      date: trip.date,
    }),
    cli.t('cli.tripFootprint.method', { name: method.name, version: leg.methodVersion }),
    cli.t('cli.tripFootprint.greatCircle', { km: decimals(1).format(leg.greatCircleKm) }),
    cli.t(trip.roundTrip ? 'cli.tripFootprint.distanceRoundTrip' : 'cli.tripFootprint.distance', {
      km: decimals(1).format(leg.distanceKm),
      rule: cli.t(`travel.distanceRule.${distanceRuleOf(leg.steps)}`),
    }),
    cli.t('cli.tripFootprint.factor', {
      value: leg.factor.value,
      unit: cli.t(`travel.unit.${leg.factor.unit}`),
      label: leg.factor.label,
    }),
    cli.t(leg.factor.sourceId === null ? 'cli.tripFootprint.factorSource' : 'cli.tripFootprint.factorSourceWithId', {
      source: leg.factor.source,
      sourceId: leg.factor.sourceId ?? '',
      year: String(leg.factor.year),
      uncertainty: leg.factor.uncertainty,
    }),
    cli.t('cli.tripFootprint.emissions', {
      kg: decimals(1).format(leg.emissionsGrams / 1000),
      grams: leg.emissionsGrams,
    }),
  ];
  if (trainFirst.verdict !== 'not_applicable') {
    const threshold =
      trainFirst.verdict === 'flagged'
        ? DEFAULT_TRAIN_FIRST_RULE.flagUnderHours
        : DEFAULT_TRAIN_FIRST_RULE.justifyUnderHours;
    lines.push(
      cli.t('cli.tripFootprint.trainFirst', {
        verdict: cli.t(`travel.trainFirst.${trainFirst.verdict}`, { hours: threshold }),
        estimate: cli.t('travel.trainFirst.estimate', { hours: decimals(1).format(trainFirst.trainHours) }),
      }),
    );
  }
  lines.push(
    cli.t('travel.contribution.amount', {
      amount: decimals(2).format(estimate.contributionCents / 100),
      tonnes: decimals(3).format(leg.emissionsGrams / 1_000_000),
      price: price.pricePerTonneEuros,
    }),
    price.source === null
      ? cli.t('cli.tripFootprint.priceGiven', { price: price.pricePerTonneEuros })
      : cli.t('travel.contribution.suggestion', { price: price.pricePerTonneEuros, source: price.source }),
    cli.t('cli.tripFootprint.steps'),
    ...leg.steps.map((step, i) => `  ${i + 1}. ${stepText(cli, step)}`),
  );
  return lines;
}

function placeLine(cli: Cli, label: string, resolution: PlaceResolution): string {
  const place = resolution.place;
  // estimateTrip returns a TripEstimate only when both places are resolved.
  if (!place) throw new Error('trip-footprint: a resolved place has no coordinates');
  const coordinates = numberFormat(cli.locale, { maximumFractionDigits: 4 });
  const params = {
    label: cli.t(label),
    name: place.name,
    country: place.countryName,
    iata: place.iata ?? '',
    lat: coordinates.format(place.lat),
    lon: coordinates.format(place.lon),
    confidence: Math.round(resolution.confidence * 100),
  };
  return cli.t(place.iata ? 'cli.tripFootprint.airport' : 'cli.tripFootprint.place', params);
}

/** The distance rule the leg applied, as its distanceRule step records it. */
function distanceRuleOf(steps: TripEstimate['leg']['steps']): string {
  return String(steps.find((s) => s.code === 'travel.step.distanceRule')?.params.rule ?? 'direct');
}
