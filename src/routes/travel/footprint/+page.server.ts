import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
  CARBON_METHODS,
  DEFAULT_METHOD_KEY,
  DEFAULT_TRAIN_FIRST_RULE,
  DISTANCE_RULE_OF_MODE,
  declareTrip,
  declareTripSchema,
  estimateTrip,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PURPOSE_LENGTH,
  METHOD_KEYS,
  type Place,
  type PlaceResolution,
  TRAVEL_MODES,
  TRAVELLER_CATEGORIES,
  travelModeSchema,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

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
  // A failed declaration comes back to this URL with its action name ("/declare") in the query: leave it out.
  const params = new URLSearchParams([...url.searchParams].filter(([key]) => !key.startsWith('/')));
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
  // The declaration carries the query in hidden fields; its URL keeps the query so a refusal shows the result again.
  const declare = {
    action: `/travel/footprint?${params}&/declare`,
    hidden: {
      from: input.from,
      to: input.to,
      mode: input.mode,
      ...(input.roundTrip ? { roundTrip: 'on' } : {}),
      passengers: String(input.passengers),
      method: input.method,
      ...(input.contrails ? { contrails: 'on' } : {}),
    },
    today: new Date().toISOString().slice(0, 10),
    categories: TRAVELLER_CATEGORIES,
    justificationRequired: trip.trainFirst.verdict === 'justification_required',
    maxPurposeLength: MAX_PURPOSE_LENGTH,
    maxJustificationLength: MAX_JUSTIFICATION_LENGTH,
  };
  return {
    declare,
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

const DECLARE_FIELDS = ['date', 'category', 'purpose', 'justification'] as const;

export const actions: Actions = {
  declare: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const text = (key: string) => String(form.get(key) ?? '');
    const declareValues = {
      date: text('date'),
      category: text('category'),
      purpose: text('purpose'),
      justification: text('justification'),
    };
    const parsed = declareTripSchema.safeParse({
      from: text('from'),
      to: text('to'),
      mode: text('mode'),
      roundTrip: form.has('roundTrip'),
      passengers: text('passengers') || 1,
      method: text('method'),
      contrails: form.has('contrails'),
      ...declareValues,
    });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
      const declareFields: string[] = DECLARE_FIELDS.filter((f) => fields.includes(f));
      return fail(400, { declareError: 'travel.trips.error.invalid', declareFields, declareValues });
    }
    const result = await declareTrip(getDatabase().db, user, parsed.data, { language: locals.locale });
    if (!result.ok) {
      const declareFields: string[] =
        result.error.code === 'travel.trips.error.justificationRequired' ? ['justification'] : [];
      return fail(422, { declareError: result.error.code, declareFields, declareValues });
    }
    redirect(303, `/travel/trips/${result.value.tripId}`);
  },
};
