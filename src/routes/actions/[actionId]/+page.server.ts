import { getActionPage } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getActionPage(getDatabase().db, user, params.actionId);
  if (!page) notFound();
  return { page, saved: url.searchParams.get('saved') === '1' };
};
