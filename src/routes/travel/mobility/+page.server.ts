import { fail, redirect } from '@sveltejs/kit';
import {
  candidateTextOf,
  canRecordMobility,
  countryName,
  deleteStudentMobility,
  getMobilityPage,
  MAX_DESTINATION_LENGTH,
  MAX_PROGRAMME_LENGTH,
  MAX_STUDENT_REF_LENGTH,
  parseEurosText,
  recordStudentMobility,
  TRAVEL_MODES,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const page = await getMobilityPage(getDatabase().db, user, today());
  return {
    ...page,
    mobilities: page.mobilities.map((m) => ({
      ...m,
      destinationCountryName: countryName(m.destinationCountry, locals.locale),
    })),
    modes: TRAVEL_MODES,
    today: today(),
    limits: {
      destination: MAX_DESTINATION_LENGTH,
      studentRef: MAX_STUDENT_REF_LENGTH,
      programme: MAX_PROGRAMME_LENGTH,
    },
    saved: url.searchParams.get('saved'),
  };
};

const FIELDS = [
  'academicYear',
  'departureDate',
  'destination',
  'mode',
  'railAid',
  'studentRef',
  'programme',
  'unitId',
  'tripId',
] as const;

export const actions: Actions = {
  add: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordMobility(user));
    const form = await request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    const result = await recordStudentMobility(
      getDatabase().db,
      user,
      {
        academicYear: values.academicYear,
        departureDate: values.departureDate,
        destination: values.destination,
        mode: values.mode as (typeof TRAVEL_MODES)[number],
        railAidEuros: parseEurosText(values.railAid),
        studentRef: values.studentRef,
        programme: values.programme,
        unitId: values.unitId,
        tripId: values.tripId,
      },
      { language: locals.locale },
    );
    if (!result.ok) {
      requireThat(result.error.code !== 'travel.mobility.error.forbidden');
      // A destination to confirm: each candidate sends the same form again with its text.
      const candidates =
        'destination' in result
          ? [...new Set(result.destination.candidates.map(candidateTextOf))].map((text) => ({ text }))
          : [];
      const reason = 'destination' in result ? result.destination.reason : null;
      return fail(422, { error: result.error.code, values, candidates, reason });
    }
    redirect(303, '/travel/mobility?saved=added#mobilities');
  },
  delete: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordMobility(user));
    const form = await request.formData();
    const result = await deleteStudentMobility(getDatabase().db, user, String(form.get('id') ?? ''));
    if (!result.ok) notFound();
    redirect(303, '/travel/mobility?saved=deleted#mobilities');
  },
};
