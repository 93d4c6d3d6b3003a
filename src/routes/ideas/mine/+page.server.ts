import { listMyIdeas } from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { ideas: await listMyIdeas(getDatabase().db, user) };
};
