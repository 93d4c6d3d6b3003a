import { getSdgCheckPage } from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return getSdgCheckPage(getDatabase().db, user, today());
};
