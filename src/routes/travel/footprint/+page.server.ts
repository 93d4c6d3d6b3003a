import { fail, redirect } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';
import type { SessionUser } from '$lib/server/features/auth';
import {
  CABIN_CLASSES,
  CARBON_METHODS,
  declareTrip,
  estimateTripToDeclare,
  getTravelSettings,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PASSENGERS,
  MAX_PLACE_LENGTH,
  MAX_PURPOSE_LENGTH,
  MAX_TRIP_LEGS,
  TRAVEL_MODES,
  TRAVELLER_CATEGORIES,
  tripFormOptions,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';
import {
  applyPick,
  emptyTripForm,
  hasErrors,
  nextLeg,
  noErrors,
  parseTripForm,
  readLegacyQuery,
  readTripForm,
  type TripFormErrors,
  type TripFormValues,
} from './trip-form';
import { type ResultView, resultView } from './trip-result';

/**
 * What the page shows after any step: the values as typed, the errors by
 * field, the estimate, and a message for the whole form (`alert`, an error;
 * or `notice`, a leg added or removed). Focus needs no script: each button
 * posts to a URL whose fragment names where the answer puts the reader
 * (`#outcome`, the new leg's arrival, the "Add a leg" button).
 */
export interface FormState {
  values: TripFormValues;
  errors: TripFormErrors;
  result: ResultView | null;
  alert: string | null;
  notice: { key: string; n: number } | null;
}

const state = (values: TripFormValues, more: Partial<FormState> = {}): FormState => ({
  values,
  errors: noErrors(values.legs.length),
  result: null,
  alert: null,
  notice: null,
  ...more,
});

const today = () => new Date().toISOString().slice(0, 10);

/** Parses and estimates the values: the errors by field, or every leg's figures (nothing stored). */
async function estimateState(user: SessionUser, values: TripFormValues, locale: Locale): Promise<FormState> {
  const parsed = parseTripForm(values);
  if (!parsed.ok) {
    return state(values, { errors: parsed.errors, alert: 'travel.footprint.error.summary' });
  }
  const estimate = await estimateTripToDeclare(getDatabase().db, user, parsed.input, { language: locale });
  return state(values, { result: resultView(parsed.input, estimate) });
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const options = await tripFormOptions(getDatabase().db, user);
  const settings = await getTravelSettings(getDatabase().db, user.institutionId);
  const page = {
    settings: {
      methodKey: settings.methodKey,
      methodName: CARBON_METHODS[settings.methodKey].name,
      methodVersion: CARBON_METHODS[settings.methodKey].version,
      contrails: settings.contrails,
    },
    modes: TRAVEL_MODES,
    cabinClasses: CABIN_CLASSES,
    categories: TRAVELLER_CATEGORIES,
    units: options.units,
    hasOwnUnit: options.defaultUnitId !== null,
    maxPassengers: MAX_PASSENGERS,
    maxPlaceLength: MAX_PLACE_LENGTH,
    maxPurposeLength: MAX_PURPOSE_LENGTH,
    maxJustificationLength: MAX_JUSTIFICATION_LENGTH,
    maxLegs: MAX_TRIP_LEGS,
  };
  const empty = emptyTripForm(today(), options.defaultUnitId);
  // The first form's links (`?from=…&to=…`) still open with their trip estimated.
  const legacy = readLegacyQuery(url.searchParams, empty);
  const initial = legacy ? await estimateState(user, legacy, locals.locale) : state(empty);
  return { ...page, initial };
};

export const actions: Actions = {
  estimate: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = applyPick(readTripForm(form), form.get('pick') as string | null);
    const next = await estimateState(user, values, locals.locale);
    return hasErrors(next.errors) ? fail(400, next) : next;
  },

  addLeg: async ({ locals, url, request }) => {
    requireUser(locals, url);
    const values = readTripForm(await request.formData());
    if (values.legs.length >= MAX_TRIP_LEGS) {
      return fail(400, state(values, { alert: 'travel.footprint.maxLegs' }));
    }
    const legs = [...values.legs, nextLeg(values.legs.at(-1))];
    return state({ ...values, legs }, { notice: { key: 'travel.footprint.legAdded', n: legs.length } });
  },

  removeLeg: async ({ locals, url, request }) => {
    requireUser(locals, url);
    const form = await request.formData();
    const values = readTripForm(form);
    const index = Number(form.get('removeLeg'));
    if (values.legs.length <= 1 || !Number.isInteger(index) || !values.legs[index]) return state(values);
    const legs = values.legs.filter((_, i) => i !== index);
    return state({ ...values, legs }, { notice: { key: 'travel.footprint.legRemoved', n: index + 1 } });
  },

  declare: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const values = readTripForm(await request.formData());
    const parsed = parseTripForm(values);
    if (!parsed.ok) {
      return fail(400, state(values, { errors: parsed.errors, alert: 'travel.trips.error.invalid' }));
    }
    const declared = await declareTrip(getDatabase().db, user, parsed.input, { language: locals.locale });
    if (declared.ok) redirect(303, `/travel/trips/${declared.value.tripId}`);
    const errors = noErrors(values.legs.length);
    const code = declared.error.code;
    if (code === 'travel.trips.error.justificationRequired') errors.mission.justification = code;
    if (code === 'travel.trips.error.unknownUnit') errors.mission.unitId = code;
    const result =
      'estimate' in declared
        ? resultView(parsed.input, { ok: true, value: declared.estimate })
        : 'legIndex' in declared
          ? resultView(parsed.input, declared)
          : null;
    return fail(422, state(values, { errors, result, alert: code }));
  },
};
