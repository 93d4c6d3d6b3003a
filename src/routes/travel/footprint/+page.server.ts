import { z } from 'zod';
import {
  CARBON_METHODS,
  DEFAULT_METHOD_KEY,
  DEFAULT_TRAIN_FIRST_RULE,
  DISTANCE_RULE_OF_MODE,
  estimateTrip,
  METHOD_KEYS,
  type Place,
  type PlaceResolution,
  TRAVEL_MODES,
  travelModeSchema,
} from '$lib/server/features/travel';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Longest place text accepted: the longest real names with a country fit well below it. */
const MAX_PLACE_LENGTH = 120;
/** A car or taxi seats at most nine people (a minibus is a coach). */
const MAX_PASSENGERS = 9;

const FIELDS = ['from', 'to', 'mode', 'passengers', 'method'] as const;
type Field = (typeof FIELDS)[number];

const placeSchema = z.string().trim().min(1).max(MAX_PLACE_LENGTH);
const querySchema = z.object({
  from: placeSchema,
  to: placeSchema,
  mode: travelModeSchema,
  roundTrip: z.boolean(),
  // An empty box means one person: the field only matters for cars and taxis.
  passengers: z.preprocess((v) => (v === '' || v === null ? 1 : v), z.coerce.number().int().min(1).max(MAX_PASSENGERS)),
  method: z.enum(METHOD_KEYS),
  contrails: z.boolean(),
});

type FormValues = {
  from: string;
  to: string;
  mode: string;
  roundTrip: boolean;
  passengers: string;
  method: string;
  contrails: boolean;
};

const EMPTY_FORM: FormValues = {
  from: '',
  to: '',
  mode: 'plane',
  roundTrip: false,
  passengers: '1',
  method: DEFAULT_METHOD_KEY,
  contrails: true,
};

/** The text that re-runs the form with one candidate: an airport by its code, a city with its country. */
function candidateText(place: Place): string {
  return place.kind === 'airport' && place.iata ? place.iata : `${place.name}, ${place.countryName}`;
}

function placeView(typed: string, resolution: PlaceResolution, hrefWith: (text: string) => string) {
  const seen = new Set<string>();
  const candidates = resolution.candidates
    .map((c) => ({ text: candidateText(c), name: c.name, countryName: c.countryName, iata: c.iata ?? null }))
    .filter((c) => !seen.has(c.text) && seen.add(c.text))
    .map((c) => ({ ...c, href: hrefWith(c.text) }));
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

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  const params = url.searchParams;
  const methods = METHOD_KEYS.map((key) => ({
    key,
    name: CARBON_METHODS[key].name,
    version: CARBON_METHODS[key].version,
  }));
  const base = { modes: TRAVEL_MODES, methods, maxPassengers: MAX_PASSENGERS, maxPlaceLength: MAX_PLACE_LENGTH };
  // The form has not been sent yet: show it with its defaults (contrails on).
  if (!params.has('from') && !params.has('to')) {
    return { ...base, values: EMPTY_FORM, errors: {}, result: null };
  }

  const values: FormValues = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    mode: params.get('mode') ?? '',
    roundTrip: params.has('roundTrip'),
    passengers: params.get('passengers') ?? '',
    method: params.get('method') ?? '',
    contrails: params.has('contrails'),
  };
  const parsed = querySchema.safeParse({ ...values, passengers: params.get('passengers') });
  if (!parsed.success) {
    const errors: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = FIELDS.find((f) => f === issue.path[0]);
      if (field) errors[field] ??= `travel.footprint.error.${field}`;
    }
    return { ...base, values, errors, result: null };
  }

  const input = parsed.data;
  const estimate = await estimateTrip({
    from: input.from,
    to: input.to,
    mode: input.mode,
    roundTrip: input.roundTrip,
    passengers: input.passengers,
    methodKey: input.method,
    contrails: input.contrails,
    date: new Date().toISOString().slice(0, 10),
    language: locals.locale,
  });
  const hrefWith = (field: 'from' | 'to') => (text: string) => {
    const next = new URLSearchParams(params);
    next.set(field, text);
    return `/travel/footprint?${next}`;
  };
  if (!estimate.ok) {
    return {
      ...base,
      values,
      errors: {},
      result: {
        ok: false as const,
        code: estimate.error.code,
        from: placeView(input.from, estimate.from, hrefWith('from')),
        to: placeView(input.to, estimate.to, hrefWith('to')),
      },
    };
  }
  const trip = estimate.value;
  return {
    ...base,
    values,
    errors: {},
    result: {
      ok: true as const,
      from: placeView(input.from, trip.from, hrefWith('from')),
      to: placeView(input.to, trip.to, hrefWith('to')),
      mode: input.mode,
      roundTrip: input.roundTrip,
      distanceRule: DISTANCE_RULE_OF_MODE[input.mode],
      leg: trip.leg,
      trainFirst: trip.trainFirst,
      trainFirstRule: DEFAULT_TRAIN_FIRST_RULE,
      price: trip.price,
      contributionCents: trip.contributionCents,
    },
  };
};
