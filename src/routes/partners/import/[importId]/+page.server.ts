import { fail, redirect } from '@sveltejs/kit';
import { canEditPartners, PARTNERS_IMPORT } from '$lib/server/features/partners';
import { commitRecordImport, getRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canEditPartners(user));
  const view = await getRecordImport(getDatabase().db, user, PARTNERS_IMPORT, params.importId);
  if (!view) notFound();
  return { view };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const result = await commitRecordImport(getDatabase().db, user, PARTNERS_IMPORT, params.importId);
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      return fail(409, { error: result.error.code, params: result.error.params ?? {} });
    }
    redirect(303, `/partners/import/${params.importId}`);
  },
};
