import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { canImportTrips, createTripImport } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportTrips(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'ges1point5.tsv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const created = await createTripImport(getDatabase().db, user, { filename: upload.filename, bytes: upload.bytes });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {} });
    redirect(303, `/travel/import/${created.value.id}`);
  },
};
