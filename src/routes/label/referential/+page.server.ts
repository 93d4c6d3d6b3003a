import { fail, redirect } from '@sveltejs/kit';
import {
  addCriterion,
  canEditLabel,
  getReferentialPage,
  MAX_CODE_LENGTH,
  MAX_TITLE_LENGTH,
  moveCriterion,
  renameCriterion,
  seedReferential,
  setCriterionRetired,
} from '$lib/server/features/label';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const page = await getReferentialPage(getDatabase().db, user);
  if (!page) notFound();
  return {
    ...page,
    limits: { code: MAX_CODE_LENGTH, title: MAX_TITLE_LENGTH },
    done: url.searchParams.get('done'),
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
type Outcome = { ok: true } | { ok: false; error: { code: string } };

function answer(result: Outcome, done: string, anchor: string, values: Record<string, string> = {}) {
  if (!result.ok) {
    requireThat(result.error.code !== 'label.error.forbidden');
    if (result.error.code === 'label.error.notFound') notFound();
    return fail(422, { error: result.error.code, values });
  }
  redirect(303, `/label/referential?done=${done}#${anchor}`);
}

export const actions: Actions = {
  seed: async ({ locals, url }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    return answer(await seedReferential(getDatabase().db, user), 'seeded', 'axes');
  },
  add: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const form = await request.formData();
    const values = {
      axisCode: text(form, 'axisCode'),
      code: text(form, 'code'),
      titleFr: text(form, 'titleFr'),
      titleEn: text(form, 'titleEn'),
    };
    return answer(await addCriterion(getDatabase().db, user, values), 'criterionAdded', 'add', values);
  },
  rename: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const form = await request.formData();
    const criterionId = text(form, 'criterionId');
    const result = await renameCriterion(getDatabase().db, user, {
      criterionId,
      titleFr: text(form, 'titleFr'),
      titleEn: text(form, 'titleEn'),
      isPlaceholder: form.get('isPlaceholder') === 'on',
    });
    return answer(result, 'criterionSaved', `criterion-${criterionId}`, { criterionId });
  },
  move: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const form = await request.formData();
    const criterionId = text(form, 'criterionId');
    const direction = text(form, 'direction') === 'up' ? 'up' : 'down';
    return answer(
      await moveCriterion(getDatabase().db, user, criterionId, direction),
      'criterionSaved',
      `criterion-${criterionId}`,
    );
  },
  retire: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const form = await request.formData();
    const criterionId = text(form, 'criterionId');
    const retired = text(form, 'retired') === 'yes';
    return answer(
      await setCriterionRetired(getDatabase().db, user, criterionId, retired),
      'criterionSaved',
      `criterion-${criterionId}`,
    );
  },
};
