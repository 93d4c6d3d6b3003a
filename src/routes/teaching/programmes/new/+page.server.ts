import { fail, redirect } from '@sveltejs/kit';
import {
  canEditTeaching,
  createProgramme,
  listDepartments,
  MAX_EVIDENCE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  TEACHING_LEVELS,
} from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import { PROGRAMME_FIELDS, programmeInputOf, valuesOf } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditTeaching(user));
  return {
    levels: TEACHING_LEVELS,
    departments: await listDepartments(getDatabase().db, user),
    limits: { name: MAX_NAME_LENGTH, evidence: MAX_EVIDENCE_LENGTH, url: MAX_URL_LENGTH },
  };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTeaching(user));
    const values = valuesOf(await request.formData(), PROGRAMME_FIELDS);
    const result = await createProgramme(getDatabase().db, user, programmeInputOf(values));
    if (!result.ok) {
      requireThat(result.error.code !== 'teaching.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/teaching/programmes/${result.value.id}?saved=created`);
  },
};
