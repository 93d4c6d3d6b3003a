import { fail, redirect } from '@sveltejs/kit';
import { ATTENDANCE_IMPORT_SPEC, canRecordSessions, HEADCOUNT_IMPORT_SPEC } from '$lib/server/features/awareness';
import { commitRecordImport, getRecordImport } from '$lib/server/features/record-import';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canRecordSessions(user));
  const db = getDatabase().db;
  const attendance = await getRecordImport(db, user, ATTENDANCE_IMPORT_SPEC, params.importId);
  if (attendance) return { view: attendance, sessionId: attendance.params.sessionId };
  const headcounts = await getRecordImport(db, user, HEADCOUNT_IMPORT_SPEC, params.importId);
  if (!headcounts) notFound();
  return { view: headcounts, sessionId: null };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordSessions(user));
    const db = getDatabase().db;
    const isAttendance = (await getRecordImport(db, user, ATTENDANCE_IMPORT_SPEC, params.importId)) !== undefined;
    const result = isAttendance
      ? await commitRecordImport(db, user, ATTENDANCE_IMPORT_SPEC, params.importId)
      : await commitRecordImport(db, user, HEADCOUNT_IMPORT_SPEC, params.importId);
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      return fail(409, { error: result.error.code, params: result.error.params ?? {} });
    }
    redirect(303, `/awareness/import/${params.importId}`);
  },
};
