import { fail, redirect } from '@sveltejs/kit';
import {
  checkInParticipant,
  deleteSession,
  getSessionDetail,
  POPULATION_KEYS,
  type PopulationKey,
  parseCount,
  readSessionForm,
  removeParticipant,
  STUDY_POPULATIONS,
  setAnonymousCount,
  updateSession,
} from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const detail = await getSessionDetail(getDatabase().db, user, params.id);
  if (!detail) notFound();
  return {
    ...detail,
    populations: POPULATION_KEYS,
    studyPopulations: STUDY_POPULATIONS,
    saved: url.searchParams.get('saved'),
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const back = (id: string, saved: string, anchor: string) => `/awareness/sessions/${id}?saved=${saved}#${anchor}`;

export const actions: Actions = {
  update: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const { input, values } = readSessionForm(await request.formData());
    const result = await updateSession(getDatabase().db, user, params.id, input);
    if (!result.ok) {
      if (result.error.code === 'awareness.error.notFound') notFound();
      return fail(422, { action: 'update', error: result.error.code, values });
    }
    redirect(303, back(params.id, 'updated', 'details'));
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    const result = await deleteSession(getDatabase().db, user, params.id);
    if (!result.ok) notFound();
    redirect(303, '/awareness?saved=deleted');
  },
  checkIn: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const checkIn = {
      personId: text(form, 'personId'),
      name: text(form, 'name'),
      email: text(form, 'email'),
      population: text(form, 'population'),
      programme: text(form, 'programme'),
      studyYear: text(form, 'studyYear'),
    };
    const result = await checkInParticipant(getDatabase().db, user, params.id, {
      ...checkIn,
      population: checkIn.population as PopulationKey,
    });
    if (!result.ok) {
      if (result.error.code === 'awareness.error.notFound') notFound();
      return fail(422, { action: 'checkIn', error: result.error.code, checkIn });
    }
    redirect(303, back(params.id, 'checkedIn', 'participants'));
  },
  remove: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await removeParticipant(getDatabase().db, user, params.id, text(form, 'participantId'));
    if (!result.ok) notFound();
    redirect(303, back(params.id, 'removed', 'participants'));
  },
  count: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const count = {
      population: text(form, 'population'),
      programme: text(form, 'programme'),
      participants: text(form, 'participants'),
    };
    const result = await setAnonymousCount(getDatabase().db, user, params.id, {
      population: count.population as PopulationKey,
      programme: count.programme,
      participants: parseCount(count.participants),
    });
    if (!result.ok) {
      if (result.error.code === 'awareness.error.notFound') notFound();
      return fail(422, { action: 'count', error: result.error.code, count });
    }
    redirect(303, back(params.id, 'counted', 'anonymous'));
  },
};
