import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { canEditEvents, EVENT_KINDS, EVENTS_IMPORT } from '$lib/server/features/events';
import { createRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditEvents(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB, kinds: EVENT_KINDS };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditEvents(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'evenements.csv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const created = await createRecordImport(getDatabase().db, user, EVENTS_IMPORT, {
      filename: upload.filename,
      bytes: upload.bytes,
      params: {},
    });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {} });
    redirect(303, `/events/import/${created.value.id}`);
  },
};
