import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canDeleteEvents, canEditEvents, deleteEvent, editEvent, getEventPage } from '$lib/server/features/events';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { eventFormChoices } from '../choices';
import { readEventForm } from '../event-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const page = await getEventPage(db, user, params.id);
  if (!page) notFound();
  return {
    ...page,
    choices: page.canEdit ? await eventFormChoices(db, user) : null,
    saved: url.searchParams.get('saved'),
  };
};

const versionSchema = z.coerce.number().int().min(1);

export const actions: Actions = {
  edit: async ({ locals, url, request, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditEvents(user));
    const form = await request.formData();
    const version = versionSchema.safeParse(form.get('version'));
    if (!version.success) notFound();
    const { values, input } = readEventForm(form);
    const result = await editEvent(getDatabase().db, user, params.id, version.data, input);
    if (!result.ok) {
      if (result.error.code === 'events.error.notFound') notFound();
      requireThat(result.error.code !== 'events.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/events/${params.id}?saved=updated`);
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canDeleteEvents(user));
    const result = await deleteEvent(getDatabase().db, user, params.id);
    if (!result.ok) notFound();
    redirect(303, '/events?saved=deleted');
  },
};
