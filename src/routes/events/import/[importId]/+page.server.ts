import { fail, redirect } from '@sveltejs/kit';
import { canEditEvents, EVENTS_IMPORT } from '$lib/server/features/events';
import { commitRecordImport, getRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canEditEvents(user));
  const view = await getRecordImport(getDatabase().db, user, EVENTS_IMPORT, params.importId);
  if (!view) notFound();
  return { view };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditEvents(user));
    const result = await commitRecordImport(getDatabase().db, user, EVENTS_IMPORT, params.importId);
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      return fail(409, { error: result.error.code, params: result.error.params ?? {} });
    }
    redirect(303, `/events/import/${params.importId}`);
  },
};
