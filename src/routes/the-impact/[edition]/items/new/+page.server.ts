import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import {
  canEditTheImpactItems,
  createItem,
  getEditionView,
  getItemOptions,
  ITEM_KINDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_UNIT_LENGTH,
  MAX_URL_LENGTH,
} from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { editionOf } from '../../../edition';
import { readItemForm } from '../item-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const view = await getEditionView(db, user, editionOf(params.edition), locals.locale);
  if (!view) notFound();
  requireThat(view.canEdit);
  return {
    edition: view.edition,
    sdgs: view.sdgs,
    kinds: ITEM_KINDS,
    options: await getItemOptions(db, user),
    preset: { metric: url.searchParams.get('metric') ?? '', kind: 'policy' },
    limits: {
      title: MAX_TITLE_LENGTH,
      description: MAX_DESCRIPTION_LENGTH,
      url: MAX_URL_LENGTH,
      unit: MAX_UNIT_LENGTH,
    },
    maxMb: getConfig().UPLOAD_MAX_MB,
  };
};

export const actions: Actions = {
  create: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTheImpactItems(user));
    const edition = editionOf(params.edition);
    const read = await readItemForm(request);
    if (!read.ok) {
      return fail(413, { error: 'indicators.evidence.tooLarge', params: { maxMb: read.maxMb }, values: {} });
    }
    const result = await createItem(getDatabase().db, user, edition, read.input, {
      file: read.file,
      maxMb: read.maxMb,
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'theImpact.error.forbidden');
      if (result.error.code === 'theImpact.error.notFound') notFound();
      return fail(422, { error: result.error.code, params: result.error.params ?? {}, values: read.values });
    }
    redirect(303, `/the-impact/${edition}/items/${result.value.id}?done=added`);
  },
};
