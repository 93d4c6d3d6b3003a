import { VALUES_EXPORT_FORMATS } from '$lib/server/features/api';
import { canImportValues } from '$lib/server/features/indicators';
import { listPlans } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const plans = await listPlans(getDatabase().db, user.institutionId);
  return {
    plans: plans.map((p) => ({ id: p.id, title: p.title })),
    formats: VALUES_EXPORT_FORMATS,
    canImport: canImportValues(user),
  };
};
