import { fail, redirect } from '@sveltejs/kit';
import { canEditEvents, createEvent } from '$lib/server/features/events';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import { eventFormChoices } from '../choices';
import { readEventForm } from '../event-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditEvents(user));
  return { choices: await eventFormChoices(getDatabase().db, user) };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditEvents(user));
    const { values, input } = readEventForm(await request.formData());
    const result = await createEvent(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'events.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/events/${result.value.id}?saved=created`);
  },
};
