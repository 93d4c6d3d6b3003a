import { getOpenAccessPage } from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return getOpenAccessPage(getDatabase().db, user);
};
