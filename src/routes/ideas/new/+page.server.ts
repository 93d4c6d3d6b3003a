import { fail, redirect } from '@sveltejs/kit';
import {
  ATTACHMENT_MAX_MB,
  MAX_ATTACHMENTS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  submitIdea,
} from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  return {
    limits: {
      title: MAX_TITLE_LENGTH,
      description: MAX_DESCRIPTION_LENGTH,
      attachments: MAX_ATTACHMENTS,
      attachmentMb: ATTACHMENT_MAX_MB,
    },
  };
};

/** Room for the multipart envelope and the text fields around the files. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    if (
      Number(request.headers.get('content-length') ?? 0) >
      MAX_ATTACHMENTS * ATTACHMENT_MAX_MB * 1024 * 1024 + FORM_OVERHEAD_BYTES
    ) {
      return fail(413, { error: 'ideas.error.tooLarge', params: { maxMb: ATTACHMENT_MAX_MB }, values: null });
    }
    const form = await request.formData();
    const values = {
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      sdgs: form.getAll('sdgs').map(String),
      axisCode: String(form.get('axisCode') ?? ''),
      anonymous: form.get('anonymous') === 'yes',
    };
    const files = await Promise.all(
      form
        .getAll('attachments')
        .filter((f): f is File => f instanceof File && f.size > 0)
        .map(async (f) => ({ filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const result = await submitIdea(getDatabase().db, user, values, files);
    if (!result.ok) return fail(422, { error: result.error.code, params: result.error.params ?? {}, values });
    redirect(303, `/ideas/${result.value.id}?saved=submitted`);
  },
};
