import { fail, redirect } from '@sveltejs/kit';
import {
  canManageIdeas,
  getModerationQueue,
  MAX_REASON_LENGTH,
  mergeIdea,
  moderateItem,
} from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canManageIdeas(user));
  const queue = await getModerationQueue(getDatabase().db, user);
  requireThat(queue !== undefined);
  return { queue: queue!, saved: url.searchParams.get('saved'), maxReason: MAX_REASON_LENGTH };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  moderate: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const decision = text(form, 'decision') === 'show' ? 'show' : 'hide';
    const item = { kind: text(form, 'kind') === 'comment' ? 'comment' : 'idea', id: text(form, 'itemId') } as const;
    const result = await moderateItem(getDatabase().db, user, item, decision, text(form, 'reason'));
    if (!result.ok) return fail(422, { form: `moderate-${item.id}`, error: result.error.code });
    redirect(303, `/ideas/moderation?saved=${decision === 'hide' ? 'hidden' : 'shown'}`);
  },
  merge: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const result = await mergeIdea(getDatabase().db, user, text(form, 'sourceId'), text(form, 'targetId'));
    if (!result.ok) return fail(422, { form: 'merge', error: result.error.code });
    redirect(303, '/ideas/moderation?saved=merged');
  },
};
