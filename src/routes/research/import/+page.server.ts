import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { createRecordImport } from '$lib/server/features/record-import';
import { canImportPublications, HAL_IMPORT_SPEC } from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportPublications(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportPublications(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'hal.csv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const created = await createRecordImport(getDatabase().db, user, HAL_IMPORT_SPEC, {
      filename: upload.filename,
      bytes: upload.bytes,
      params: {},
    });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {} });
    redirect(303, `/research/import/${created.value.id}`);
  },
};
