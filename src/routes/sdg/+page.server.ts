import { z } from 'zod';
import { canReviewSdgAlignment } from '$lib/server/features/auth';
import { loadPlanTrees, sdgOverviewOf } from '$lib/server/features/sdg';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
  plan: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(64).optional()).catch(undefined),
});

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const { plan } = querySchema.parse(Object.fromEntries(url.searchParams));
  const overview = sdgOverviewOf(await loadPlanTrees(getDatabase().db, user.institutionId), plan);
  if (!overview) notFound();
  return { overview, canReview: canReviewSdgAlignment(user) };
};
