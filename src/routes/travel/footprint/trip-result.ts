/**
 * What the footprint page shows of an estimate (per leg and in total), and
 * the few sentences the live preview writes. Views only: every figure comes
 * from the travel feature's estimate.
 */
import { type Locale, translator } from '$lib/i18n';
import { numberFormat } from '$lib/intl';
import {
  DEFAULT_TRAIN_FIRST_RULE,
  DISTANCE_RULE_OF_MODE,
  type EstimateResult,
  type MissionEstimateResult,
  type Place,
  type PlaceResolution,
  type TripInput,
} from '$lib/server/features/travel';
import { pickValue } from './trip-form';

/** The text that re-runs the form with one candidate: an airport by its code, a city with its country. */
function candidateText(place: Place): string {
  return place.kind === 'airport' && place.iata ? place.iata : `${place.name}, ${place.countryName}`;
}

function placeView(typed: string, resolution: PlaceResolution, pick: (text: string) => string) {
  const seen = new Set<string>();
  const candidates = resolution.candidates
    .map((c) => ({ text: candidateText(c), name: c.name, countryName: c.countryName, iata: c.iata ?? null }))
    .filter((c) => !seen.has(c.text) && seen.add(c.text))
    .map((c) => ({ ...c, pick: pick(c.text) }));
  return {
    typed,
    status: resolution.status,
    reason: resolution.reason,
    confidencePercent: Math.round(resolution.confidence * 100),
    place: resolution.place
      ? {
          kind: resolution.place.kind,
          name: resolution.place.name,
          countryName: resolution.place.countryName,
          iata: resolution.place.iata ?? null,
        }
      : null,
    candidates,
  };
}

function legView(index: number, input: TripInput['legs'][number], outcome: EstimateResult) {
  const places = {
    from: placeView(input.from, outcome.ok ? outcome.value.from : outcome.from, (text) =>
      pickValue(index, 'from', text),
    ),
    to: placeView(input.to, outcome.ok ? outcome.value.to : outcome.to, (text) => pickValue(index, 'to', text)),
  };
  if (!outcome.ok) return { index, ok: false as const, code: outcome.error.code, ...places };
  const trip = outcome.value;
  return {
    index,
    ok: true as const,
    ...places,
    mode: input.mode,
    roundTrip: input.roundTrip,
    distanceRule: DISTANCE_RULE_OF_MODE[input.mode],
    leg: trip.leg,
    trainFirst: trip.trainFirst,
    price: trip.price,
    contributionCents: trip.contributionCents,
  };
}

/** The page's view of a mission's estimate: every leg, computed or not, and the totals when all are. */
export function resultView(input: TripInput, result: MissionEstimateResult) {
  const outcomes: EstimateResult[] = result.ok
    ? result.value.legs.map((value) => ({ ok: true as const, value }))
    : result.legs;
  const legs = outcomes.map((outcome, i) => legView(i, input.legs[i], outcome));
  const trainFirstRule = DEFAULT_TRAIN_FIRST_RULE;
  if (!result.ok)
    return { ok: false as const, code: result.error.code, legIndex: result.legIndex, legs, trainFirstRule };
  return {
    ok: true as const,
    legs,
    emissionsGrams: result.value.emissionsGrams,
    contributionCents: result.value.contributionCents,
    justificationRequired: result.value.justificationRequired,
    trainFirstRule,
  };
}
export type ResultView = ReturnType<typeof resultView>;

/** The sentences of the live preview, in the reader's language: one per leg, then the total. */
export function previewLines(locale: Locale, input: TripInput | undefined, result?: MissionEstimateResult): string[] {
  const t = translator(locale);
  if (!input || !result) return [t('travel.footprint.preview.incomplete')];
  const kg = (grams: number) =>
    numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(grams / 1000);
  const euros = (cents: number) =>
    numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
  if (!result.ok) {
    return [t('travel.footprint.preview.refused', { n: result.legIndex + 1, reason: t(result.error.code) })];
  }
  const mission = result.value;
  return [
    ...mission.legs.map((leg) =>
      t('travel.footprint.preview.leg', {
        n: leg.position + 1,
        from: leg.from.place?.name ?? leg.input.from,
        to: leg.to.place?.name ?? leg.input.to,
        kg: kg(leg.leg.emissionsGrams),
      }),
    ),
    t('travel.footprint.preview.total', {
      kg: kg(mission.emissionsGrams),
      amount: euros(mission.contributionCents),
    }),
    ...(mission.justificationRequired ? [t('travel.footprint.preview.justification')] : []),
  ];
}
