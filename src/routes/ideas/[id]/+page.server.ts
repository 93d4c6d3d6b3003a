import { fail, redirect } from '@sveltejs/kit';
import {
  canManageIdeas,
  changeIdeaStatus,
  commentIdea,
  getIdeaPage,
  MAX_ANSWER_LENGTH,
  MAX_COMMENT_LENGTH,
  MAX_REASON_LENGTH,
  moderateItem,
  reportItem,
  revealIdeaAuthor,
  supportIdea,
  turnIdeaIntoAction,
  withdrawSupport,
} from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getIdeaPage(getDatabase().db, user, params.id);
  if (!page) notFound();
  return {
    page,
    saved: url.searchParams.get('saved'),
    limits: { comment: MAX_COMMENT_LENGTH, answer: MAX_ANSWER_LENGTH, reason: MAX_REASON_LENGTH },
  };
};

type Outcome = { ok: true } | { ok: false; error: { code: string } };

/** A refused action comes back to the form it came from; a success reloads the page with a message. */
function finish(result: Outcome, id: string, form: string, saved: string) {
  if (!result.ok) {
    if (result.error.code === 'ideas.error.notFound') notFound();
    requireThat(result.error.code !== 'ideas.error.forbidden');
    return fail(422, { form, error: result.error.code });
  }
  redirect(303, `/ideas/${id}?saved=${saved}#outcome`);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const itemOf = (form: FormData) =>
  ({ kind: text(form, 'kind') === 'comment' ? 'comment' : 'idea', id: text(form, 'itemId') }) as const;

export const actions: Actions = {
  support: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    return finish(await supportIdea(getDatabase().db, user, params.id), params.id, 'support', 'supported');
  },
  withdraw: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    return finish(await withdrawSupport(getDatabase().db, user, params.id), params.id, 'support', 'withdrawn');
  },
  comment: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await commentIdea(getDatabase().db, user, params.id, text(form, 'body'));
    return finish(result, params.id, 'comment', 'commented');
  },
  report: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await reportItem(getDatabase().db, user, itemOf(form), text(form, 'reason'));
    return finish(result, params.id, `report-${text(form, 'itemId')}`, 'reported');
  },
  status: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const result = await changeIdeaStatus(getDatabase().db, user, params.id, {
      to: text(form, 'to'),
      answer: text(form, 'answer'),
    });
    return finish(result, params.id, 'status', 'status');
  },
  turn: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const result = await turnIdeaIntoAction(getDatabase().db, user, params.id, {
      objectiveId: text(form, 'objectiveId'),
      answer: text(form, 'answer'),
    });
    return finish(result, params.id, 'turn', 'turned');
  },
  moderate: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const decision = text(form, 'decision') === 'show' ? 'show' : 'hide';
    const result = await moderateItem(getDatabase().db, user, itemOf(form), decision, text(form, 'reason'));
    return finish(result, params.id, `moderate-${text(form, 'itemId')}`, decision === 'hide' ? 'hidden' : 'shown');
  },
  reveal: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canManageIdeas(user));
    const form = await request.formData();
    const result = await revealIdeaAuthor(getDatabase().db, user, params.id, text(form, 'reason'));
    if (!result.ok) return finish(result, params.id, 'reveal', '');
    return { form: 'reveal', revealed: result.value ?? { displayName: '—', email: '' } };
  },
};
