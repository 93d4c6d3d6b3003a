import { canManageIdeas, IDEA_SORTS, IDEA_STATUSES, ideaFiltersSchema, listIdeas } from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const filters = ideaFiltersSchema.parse(Object.fromEntries(url.searchParams));
  return {
    ideas: await listIdeas(getDatabase().db, user, filters),
    filters,
    statuses: IDEA_STATUSES,
    sorts: IDEA_SORTS,
    canManage: canManageIdeas(user),
  };
};
