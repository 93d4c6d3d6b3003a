import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { canImportPlan } from '$lib/server/features/auth';
import { createUpload } from '$lib/server/features/plan-import';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

function refuse(error: string, params: Record<string, string | number> = {}) {
  return fail(400, { error, params });
}

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportPlan(user));
  return { maxMb: getConfig().UPLOAD_MAX_MB };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportPlan(user));
    const maxMb = getConfig().UPLOAD_MAX_MB;
    const upload = await readUploadedFile(request, locals, maxMb, 'plan');
    if (!upload.ok) return refuse(upload.error, upload.params);
    const { filename, bytes } = upload;
    const created = await createUpload(getDatabase().db, user, { filename, bytes, maxMb });
    if (!created.ok) return refuse(created.error.code, created.error.params);
    redirect(303, `/import/${created.value.id}`);
  },
};
