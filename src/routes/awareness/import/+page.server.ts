import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getConfig } from '$lib/server/config';
import {
  ATTENDANCE_IMPORT_SPEC,
  canManageAwareness,
  canRecordSessions,
  HEADCOUNT_IMPORT_SPEC,
  listEditableSessions,
} from '$lib/server/features/awareness';
import { createRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canRecordSessions(user));
  return {
    maxMb: getConfig().UPLOAD_MAX_MB,
    sessions: await listEditableSessions(getDatabase().db, user),
    canImportHeadcounts: canManageAwareness(user),
    kind: url.searchParams.get('kind') === 'headcounts' ? 'headcounts' : 'attendance',
    sessionId: url.searchParams.get('session') ?? '',
  };
};

const kindSchema = z.enum(['attendance', 'headcounts']);

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordSessions(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'import.csv');
    if (!upload.ok) return fail(400, { error: upload.error, params: upload.params });
    const kind = kindSchema.safeParse(upload.form.get('kind'));
    if (!kind.success) return fail(400, { error: 'awareness.import.error.kind', params: {} });
    const db = getDatabase().db;
    const file = { filename: upload.filename, bytes: upload.bytes };
    const created =
      kind.data === 'headcounts'
        ? await createRecordImport(db, user, HEADCOUNT_IMPORT_SPEC, { ...file, params: {} })
        : await createRecordImport(db, user, ATTENDANCE_IMPORT_SPEC, {
            ...file,
            params: { sessionId: String(upload.form.get('sessionId') ?? '') },
          });
    if (!created.ok) return fail(400, { error: created.error.code, params: created.error.params ?? {} });
    redirect(303, `/awareness/import/${created.value.id}`);
  },
};
