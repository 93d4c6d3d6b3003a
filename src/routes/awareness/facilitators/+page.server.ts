import { redirect } from '@sveltejs/kit';
import {
  addFacilitator,
  canManageAwareness,
  canRecordSessions,
  getFacilitatorsPage,
  removeFacilitator,
} from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return {
    ...(await getFacilitatorsPage(getDatabase().db, user)),
    canRecord: canRecordSessions(user),
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  add: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageAwareness(user));
    const personId = String((await request.formData()).get('personId') ?? '');
    if (!(await addFacilitator(getDatabase().db, user, personId)).ok) notFound();
    redirect(303, '/awareness/facilitators?saved=added');
  },
  remove: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageAwareness(user));
    const personId = String((await request.formData()).get('personId') ?? '');
    if (!(await removeFacilitator(getDatabase().db, user, personId)).ok) notFound();
    redirect(303, '/awareness/facilitators?saved=removed');
  },
};
