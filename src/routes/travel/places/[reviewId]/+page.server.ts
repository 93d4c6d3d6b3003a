import { error, fail, redirect } from '@sveltejs/kit';
import { answerPlaceReview, getPlaceReview } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const search = (url.searchParams.get('q') ?? '').slice(0, 120);
  const found = await getPlaceReview(getDatabase().db, user, params.reviewId, { language: locals.locale, search });
  if (!found.ok) error(found.error.code === 'errors.forbidden' ? 403 : 404, found.error.code);
  return { review: found.value.review, searched: found.value.searched, search };
};

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const choice = String(form.get('choice') ?? '');
    const search = String(form.get('search') ?? '') || undefined;
    const result = await answerPlaceReview(getDatabase().db, user, params.reviewId, { choice, search });
    if (!result.ok) {
      requireThat(result.error.code !== 'errors.forbidden');
      if (result.error.code === 'errors.notFound') error(404, result.error.code);
      return fail(400, { error: result.error.code });
    }
    redirect(303, '/travel/places');
  },
};
