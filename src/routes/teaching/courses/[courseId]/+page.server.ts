import { fail, redirect } from '@sveltejs/kit';
import {
  canDeleteTeaching,
  canEditTeaching,
  deleteCourse,
  editCourse,
  getCoursePage,
  MAX_EVIDENCE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SEMESTER_LENGTH,
  MAX_URL_LENGTH,
  recordFeedback,
} from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { COURSE_FIELDS, courseInputOf, courseValuesOf, FEEDBACK_FIELDS, feedbackInputOf, valuesOf } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getCoursePage(getDatabase().db, user, params.courseId);
  if (!page) notFound();
  return {
    ...page,
    values: courseValuesOf(page.fields, locals.locale),
    limits: {
      name: MAX_NAME_LENGTH,
      semester: MAX_SEMESTER_LENGTH,
      evidence: MAX_EVIDENCE_LENGTH,
      url: MAX_URL_LENGTH,
    },
    saved: url.searchParams.get('saved'),
  };
};

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
    const values = valuesOf(form, COURSE_FIELDS);
    const result = await editCourse(
      getDatabase().db,
      user,
      params.courseId,
      courseInputOf(values),
      Number(form.get('version')),
    );
    if (!result.ok) return refuse('edit', result.error.code, values);
    redirect(303, `/teaching/courses/${params.courseId}?saved=edited`);
  },
  feedback: async ({ locals, url, request, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const values = valuesOf(await request.formData(), FEEDBACK_FIELDS);
    const result = await recordFeedback(getDatabase().db, user, params.courseId, feedbackInputOf(values));
    if (!result.ok) return refuse('feedback', result.error.code, values);
    redirect(303, `/teaching/courses/${params.courseId}?saved=feedback#feedback-title`);
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canDeleteTeaching(user));
    const result = await deleteCourse(getDatabase().db, user, params.courseId);
    if (!result.ok) notFound();
    redirect(303, `/teaching/programmes/${result.value.programmeId}?saved=courseDeleted`);
  },
};
