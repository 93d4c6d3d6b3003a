import { listOpenSdgReviews, listPlans } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  return {
    plans: await listPlans(db, user.institutionId),
    reviews: user.role === 'admin' ? await listOpenSdgReviews(db, user.institutionId) : [],
    canImport: user.role === 'admin',
  };
};
