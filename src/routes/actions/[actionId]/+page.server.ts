import { findIdeaOfAction } from '$lib/server/features/ideas';
import { getActionPage } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getActionPage(getDatabase().db, user, params.actionId);
  if (!page) notFound();
  const fromIdea = (await findIdeaOfAction(getDatabase().db, user.institutionId, params.actionId)) ?? null;
  return { page, fromIdea, saved: url.searchParams.get('saved') === '1' };
};
