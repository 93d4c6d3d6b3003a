import { fail, redirect } from '@sveltejs/kit';
import { canRecordSessions, getSessionForm, readSessionForm, recordSession } from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canRecordSessions(user));
  return { ...(await getSessionForm(getDatabase().db, user)), today: new Date().toISOString().slice(0, 10) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordSessions(user));
    const { input, values } = readSessionForm(await request.formData());
    const result = await recordSession(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'awareness.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/awareness/sessions/${result.value.id}?saved=created`);
  },
};
