import { error } from '@sveltejs/kit';
import { CARBON_METHODS, listTravelRecomputes, METHOD_KEYS } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(user.role === 'admin');
  const runs = await listTravelRecomputes(getDatabase().db, user);
  if (!runs.ok) error(403, 'errors.forbidden');
  return {
    runs: runs.value,
    methodNames: Object.fromEntries(METHOD_KEYS.map((key) => [key, CARBON_METHODS[key].name])),
  };
};
