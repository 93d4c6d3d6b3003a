import { fail, redirect } from '@sveltejs/kit';
import {
  canManageIdeas,
  getIdeaSettingsPage,
  MAX_REPORT_THRESHOLD,
  updateIdeaSettings,
} from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canManageIdeas(user));
  const page = await getIdeaSettingsPage(getDatabase().db, user);
  if (!page) notFound();
  return { ...page, maxThreshold: MAX_REPORT_THRESHOLD, saved: url.searchParams.get('saved') === '1' };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const result = await updateIdeaSettings(getDatabase().db, user, {
      reportThreshold: String(form.get('reportThreshold') ?? ''),
      publicList: form.get('publicList') === 'yes',
    });
    if (!result.ok)
      return fail(422, { error: result.error.code, threshold: String(form.get('reportThreshold') ?? '') });
    redirect(303, '/ideas/settings?saved=1');
  },
};
