import { error } from '@sveltejs/kit';
import { listPlaceReviews } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const listed = await listPlaceReviews(getDatabase().db, user, { language: locals.locale });
  if (!listed.ok) error(403, 'errors.forbidden');
  return { open: listed.value.open, answered: listed.value.answered };
};
