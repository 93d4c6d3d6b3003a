import { fail, redirect } from '@sveltejs/kit';
import {
  canManageAwareness,
  canRecordSessions,
  getHeadcountsPage,
  POPULATION_KEYS,
  type PopulationKey,
  parseCount,
  setHeadcount,
} from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return {
    ...(await getHeadcountsPage(getDatabase().db, user, new Date().toISOString().slice(0, 10))),
    canRecord: canRecordSessions(user),
    populations: POPULATION_KEYS,
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageAwareness(user));
    const form = await request.formData();
    const values = {
      academicYear: String(form.get('academicYear') ?? ''),
      population: String(form.get('population') ?? ''),
      programme: String(form.get('programme') ?? ''),
      headcount: String(form.get('headcount') ?? ''),
    };
    const result = await setHeadcount(getDatabase().db, user, {
      academicYear: values.academicYear,
      population: values.population as PopulationKey,
      programme: values.programme,
      headcount: parseCount(values.headcount),
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'awareness.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, '/awareness/headcounts?saved=1');
  },
};
