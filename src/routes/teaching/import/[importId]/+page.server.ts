import { fail, redirect } from '@sveltejs/kit';
import { commitRecordImport, getRecordImport } from '$lib/server/features/record-import';
import { canEditTeaching, TEACHING_IMPORT_SPEC } from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canEditTeaching(user));
  const view = await getRecordImport(getDatabase().db, user, TEACHING_IMPORT_SPEC, params.importId);
  if (!view) notFound();
  return { view };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const result = await commitRecordImport(getDatabase().db, user, TEACHING_IMPORT_SPEC, params.importId);
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      return fail(409, { error: result.error.code, params: result.error.params ?? {} });
    }
    redirect(303, `/teaching/import/${params.importId}`);
  },
};
