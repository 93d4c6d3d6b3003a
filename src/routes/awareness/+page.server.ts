import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { addCustomType, canManageAwareness, getSessionsList, POPULATION_KEYS } from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const filtersSchema = z.object({
  type: z.preprocess(blank, z.string().max(80).optional()),
  year: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{4}$/)
      .optional(),
  ),
  population: z.preprocess(blank, z.enum(POPULATION_KEYS as [string, ...string[]]).optional()),
});

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const parsed = filtersSchema.safeParse(Object.fromEntries(url.searchParams));
  const filters = parsed.success ? parsed.data : {};
  const page = await getSessionsList(getDatabase().db, user, {
    typeKey: filters.type,
    academicYear: filters.year,
    population: filters.population,
  });
  return {
    ...page,
    filters: { type: filters.type ?? '', year: filters.year ?? '', population: filters.population ?? '' },
    populations: POPULATION_KEYS,
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  addType: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageAwareness(user));
    const name = String((await request.formData()).get('name') ?? '');
    const result = await addCustomType(getDatabase().db, user, name);
    if (!result.ok) return fail(422, { error: result.error.code, name });
    redirect(303, '/awareness?saved=type#types');
  },
};
