import { fail, redirect } from '@sveltejs/kit';
import {
  canDeleteProjects,
  canEditProjects,
  deleteProject,
  editProject,
  getProjectPage,
  MIN_SDGS_PER_PROJECT,
} from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { readProjectForm } from '../../project-form';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getProjectPage(getDatabase().db, user, params.projectId, today());
  if (!page) notFound();
  return { ...page, minimum: MIN_SDGS_PER_PROJECT, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditProjects(user));
    const form = await request.formData();
    const version = Number(form.get('version'));
    const { values, input } = readProjectForm(form);
    const result = await editProject(getDatabase().db, user, params.projectId, version, input);
    if (!result.ok) {
      if (result.error.code === 'research.project.error.notFound') notFound();
      requireThat(result.error.code !== 'research.project.error.forbidden');
      return fail(result.error.code === 'research.project.error.stale' ? 409 : 422, {
        error: result.error.code,
        values,
      });
    }
    redirect(303, `/research/projects/${params.projectId}?saved=updated`);
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canDeleteProjects(user));
    const result = await deleteProject(getDatabase().db, user, params.projectId);
    if (!result.ok) notFound();
    redirect(303, '/research?deleted=1');
  },
};
