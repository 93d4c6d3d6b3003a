import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import {
  canEditTheImpactItems,
  deleteItem,
  getEditionView,
  getItem,
  getItemOptions,
  ITEM_KINDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_UNIT_LENGTH,
  MAX_URL_LENGTH,
  updateItem,
} from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { editionOf } from '../../../edition';
import { readItemForm } from '../item-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const edition = editionOf(params.edition);
  const [view, item] = await Promise.all([
    getEditionView(db, user, edition, locals.locale),
    getItem(db, user, edition, params.id),
  ]);
  if (!view || !item) notFound();
  const sdg = view.sdgs.find((s) => s.number === item.sdg);
  const metric = sdg?.metrics.find((m) => m.code === item.metricCode);
  const options = await getItemOptions(db, user);
  return {
    edition,
    canEdit: view.canEdit,
    item,
    sdgTitle: sdg?.title ?? String(item.sdg),
    metricTitle: metric?.title ?? item.metricCode,
    actionTitle: options.actions.find((a) => a.id === item.actionId)?.title ?? null,
    indicatorName: options.indicators.find((i) => i.id === item.indicatorId)?.name ?? null,
    sdgs: view.sdgs,
    kinds: ITEM_KINDS,
    options: view.canEdit ? options : { actions: [], indicators: [] },
    values: {
      metric: `${item.sdg}|${item.metricCode}`,
      kind: item.kind,
      title: item.title,
      description: item.description ?? '',
      createdOn: item.createdOn ?? '',
      reviewedOn: item.reviewedOn ?? '',
      publicUrl: item.publicUrl ?? '',
      figure: item.figure === null ? '' : String(item.figure).replace('.', locals.locale === 'fr' ? ',' : '.'),
      figureUnit: item.figureUnit ?? '',
      actionId: item.actionId ?? '',
      indicatorId: item.indicatorId ?? '',
    },
    limits: {
      title: MAX_TITLE_LENGTH,
      description: MAX_DESCRIPTION_LENGTH,
      url: MAX_URL_LENGTH,
      unit: MAX_UNIT_LENGTH,
    },
    maxMb: getConfig().UPLOAD_MAX_MB,
    done: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTheImpactItems(user));
    const edition = editionOf(params.edition);
    const read = await readItemForm(request);
    if (!read.ok) {
      return fail(413, { error: 'indicators.evidence.tooLarge', params: { maxMb: read.maxMb }, values: {} });
    }
    const result = await updateItem(getDatabase().db, user, edition, params.id, read.input, {
      file: read.file,
      removeFile: read.removeFile,
      maxMb: read.maxMb,
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'theImpact.error.forbidden');
      if (result.error.code === 'theImpact.error.notFound') notFound();
      return fail(422, { error: result.error.code, params: result.error.params ?? {}, values: read.values });
    }
    redirect(303, `/the-impact/${edition}/items/${params.id}?done=saved`);
  },
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditTheImpactItems(user));
    const edition = editionOf(params.edition);
    const result = await deleteItem(getDatabase().db, user, edition, params.id);
    if (!result.ok) notFound();
    redirect(303, `/the-impact/${edition}?done=deleted`);
  },
};
