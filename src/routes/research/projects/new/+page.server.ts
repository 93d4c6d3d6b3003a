import { fail, redirect } from '@sveltejs/kit';
import {
  canEditProjects,
  createProject,
  getProjectFormOptions,
  MIN_SDGS_PER_PROJECT,
} from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import { readProjectForm } from '../../project-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditProjects(user));
  return { options: await getProjectFormOptions(getDatabase().db, user), minimum: MIN_SDGS_PER_PROJECT };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditProjects(user));
    const { values, input } = readProjectForm(await request.formData());
    const result = await createProject(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'research.project.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/research/projects/${result.value.id}?saved=created`);
  },
};
