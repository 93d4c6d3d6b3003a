import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { canEditPartners, PARTNER_KINDS, PARTNER_ROLES, PARTNERS_IMPORT } from '$lib/server/features/partners';
import { createRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditPartners(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB, kinds: PARTNER_KINDS, roles: PARTNER_ROLES };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'partenaires.csv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const created = await createRecordImport(getDatabase().db, user, PARTNERS_IMPORT, {
      filename: upload.filename,
      bytes: upload.bytes,
      params: {},
    });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {} });
    redirect(303, `/partners/import/${created.value.id}`);
  },
};
