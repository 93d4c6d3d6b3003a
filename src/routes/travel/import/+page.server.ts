import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import {
  canImportTrips,
  createTripImport,
  TRIP_FILE_FORMATS,
  type TripFileFormat,
  tripFileFormatSchema,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportTrips(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB, formats: [...TRIP_FILE_FORMATS] as TripFileFormat[] };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'deplacements.csv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const format = tripFileFormatSchema.catch('ges1point5').parse(upload.form.get('format'));
    const created = await createTripImport(getDatabase().db, user, {
      filename: upload.filename,
      bytes: upload.bytes,
      format,
    });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {}, format });
    redirect(303, `/travel/import/${created.value.id}`);
  },
};
