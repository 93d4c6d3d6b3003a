import { fail, redirect } from '@sveltejs/kit';
import {
  canManageTheImpactEditions,
  createEdition,
  defaultPolicyWindow,
  getEditionsPage,
  updateEditionSettings,
} from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const page = await getEditionsPage(getDatabase().db, user, locals.locale);
  if (!page) notFound();
  const nextEdition = Math.max(new Date().getUTCFullYear() + 1, ...page.editions.map((e) => e.edition + 1));
  const editing = page.canManage
    ? page.editions.find((e) => String(e.edition) === url.searchParams.get('edition'))
    : undefined;
  return {
    ...page,
    nextEdition,
    nextWindow: defaultPolicyWindow(nextEdition),
    editing: editing ?? null,
    done: url.searchParams.get('done'),
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const yearOrUndefined = (raw: string) => (raw === '' ? undefined : Number(raw));
const sdgsOf = (form: FormData) => form.getAll('sdg').map((v) => Number(v));

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageTheImpactEditions(user));
    const form = await request.formData();
    const values = {
      edition: text(form, 'edition'),
      windowStart: text(form, 'windowStart'),
      windowEnd: text(form, 'windowEnd'),
    };
    const result = await createEdition(getDatabase().db, user, {
      edition: values.edition,
      windowStartYear: yearOrUndefined(values.windowStart),
      windowEndYear: yearOrUndefined(values.windowEnd),
      sdgs: sdgsOf(form),
      copyPrevious: form.get('copyPrevious') === 'yes',
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'theImpact.error.forbidden');
      return fail(422, { action: 'create', error: result.error.code, values });
    }
    redirect(303, `/the-impact/${values.edition}?done=created`);
  },
  settings: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageTheImpactEditions(user));
    const form = await request.formData();
    const edition = Number(text(form, 'edition'));
    const result = await updateEditionSettings(getDatabase().db, user, edition, {
      sdgs: sdgsOf(form),
      windowStartYear: Number(text(form, 'windowStart')),
      windowEndYear: Number(text(form, 'windowEnd')),
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'theImpact.error.forbidden');
      if (result.error.code === 'theImpact.error.notFound') notFound();
      return fail(422, {
        action: 'settings',
        error: result.error.code,
        values: { edition: '', windowStart: '', windowEnd: '' },
      });
    }
    redirect(303, '/the-impact?done=saved');
  },
};
