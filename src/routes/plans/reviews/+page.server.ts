import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canReviewSdgAlignment } from '$lib/server/features/auth';
import { listOpenSdgReviews, resolveSdgReview } from '$lib/server/features/plan';
import { rawCellsView } from '$lib/server/features/sdg';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canReviewSdgAlignment(user));
  const reviews = await listOpenSdgReviews(getDatabase().db, user.institutionId);
  return {
    done: url.searchParams.get('done') === '1',
    reviews: reviews.map((r) => ({
      id: r.id,
      planId: r.planId,
      planTitle: r.planTitle,
      actionId: r.actionId,
      actionTitle: r.actionTitle,
      sourceRow: r.sourceRow,
      reasonCode: r.reasonCode,
      suggestedSdgs: r.suggestedSdgs,
      raw: rawCellsView(r.rawCells, r.actionTitle),
    })),
  };
};

const resolveSchema = z.object({
  reviewId: z.string().min(1).max(64),
  sdgs: z.array(z.coerce.number().int().min(1).max(17)).max(17),
});

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canReviewSdgAlignment(user));
    const form = await request.formData();
    const raw = { reviewId: String(form.get('reviewId') ?? ''), sdgs: form.getAll('sdgs').map(String) };
    const parsed = resolveSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { error: 'sdg.review.invalid' });
    const result = await resolveSdgReview(getDatabase().db, user, parsed.data.reviewId, parsed.data.sdgs);
    if (!result.ok) {
      requireThat(result.error.code !== 'plan.review.forbidden');
      return fail(409, { error: result.error.code });
    }
    redirect(303, '/plans/reviews?done=1');
  },
};
