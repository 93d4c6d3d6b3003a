import { fail, redirect } from '@sveltejs/kit';
import {
  addCourse,
  canDeleteTeaching,
  canEditTeaching,
  deleteProgramme,
  editProgramme,
  getProgrammePage,
  MAX_EVIDENCE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SEMESTER_LENGTH,
  MAX_URL_LENGTH,
  recordFeedback,
  TEACHING_LEVELS,
} from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import {
  COURSE_FIELDS,
  courseInputOf,
  FEEDBACK_FIELDS,
  feedbackInputOf,
  PROGRAMME_FIELDS,
  programmeInputOf,
  programmeValuesOf,
  valuesOf,
} from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getProgrammePage(getDatabase().db, user, params.programmeId);
  if (!page) notFound();
  return {
    ...page,
    values: programmeValuesOf(page.fields),
    levels: TEACHING_LEVELS,
    limits: {
      name: MAX_NAME_LENGTH,
      semester: MAX_SEMESTER_LENGTH,
      evidence: MAX_EVIDENCE_LENGTH,
      url: MAX_URL_LENGTH,
    },
    saved: url.searchParams.get('saved'),
  };
};

/** Refusals other than "not allowed" and "not found" come back to the form that sent them. */
function refuse(action: string, code: string, values: Record<string, string>) {
  requireThat(code !== 'teaching.error.forbidden');
  if (code === 'teaching.error.notFound') notFound();
  return fail(422, { action, error: code, values });
}

export const actions: Actions = {
  edit: async ({ locals, url, request, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const form = await request.formData();
    const values = valuesOf(form, PROGRAMME_FIELDS);
    const version = Number(form.get('version'));
    const result = await editProgramme(getDatabase().db, user, params.programmeId, programmeInputOf(values), version);
    if (!result.ok) return refuse('edit', result.error.code, values);
    redirect(303, `/teaching/programmes/${params.programmeId}?saved=edited`);
  },
  addCourse: async ({ locals, url, request, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const values = valuesOf(await request.formData(), COURSE_FIELDS);
    const result = await addCourse(getDatabase().db, user, params.programmeId, courseInputOf(values));
    if (!result.ok) return refuse('addCourse', result.error.code, values);
    redirect(303, `/teaching/programmes/${params.programmeId}?saved=course#courses-title`);
  },
  feedback: async ({ locals, url, request, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const db = getDatabase().db;
    const values = valuesOf(await request.formData(), FEEDBACK_FIELDS);
    // The course must be one of this programme's: another id answers like a missing one.
    const page = await getProgrammePage(db, user, params.programmeId);
    if (!page?.courses.some((c) => c.id === values.courseId)) notFound();
    const result = await recordFeedback(db, user, values.courseId ?? '', feedbackInputOf(values));
    if (!result.ok) return refuse('feedback', result.error.code, values);
    redirect(303, `/teaching/programmes/${params.programmeId}?saved=feedback#feedback-title`);
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canDeleteTeaching(user));
    const result = await deleteProgramme(getDatabase().db, user, params.programmeId);
    if (!result.ok) notFound();
    redirect(303, '/teaching?saved=deleted');
  },
};
