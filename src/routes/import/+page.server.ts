import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import { canImportPlan } from '$lib/server/features/auth';
import { createUpload } from '$lib/server/features/plan-import';
import { log } from '$lib/server/log';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const MIB = 1024 * 1024;
/** Room for the multipart envelope around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

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
    const tooLarge = () => refuse('import.file.tooLarge', { maxMb });
    // Refuse an oversized body from its declared length, before parsing the form.
    if (Number(request.headers.get('content-length') ?? 0) > maxMb * MIB + FORM_OVERHEAD_BYTES) return tooLarge();
    let form: FormData;
    try {
      form = await request.formData();
    } catch (e) {
      // Most often the server's own body limit (BODY_SIZE_LIMIT of the Node adapter) is below UPLOAD_MAX_MB.
      log('warn', 'upload form unreadable', {
        requestId: locals.requestId,
        contentLength: request.headers.get('content-length'),
        error: String(e),
      });
      return refuse('import.ui.upload.unreadableForm', { maxMb });
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return refuse('import.file.empty');
    if (file.size > maxMb * MIB) return tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const created = await createUpload(getDatabase().db, user, { filename: file.name || 'plan', bytes, maxMb });
    if (!created.ok) return refuse(created.error.code, created.error.params);
    redirect(303, `/import/${created.value.id}`);
  },
};
