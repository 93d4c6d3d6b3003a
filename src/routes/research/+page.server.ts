import { getResearchListPage, MIN_SDGS_PER_PROJECT, projectFiltersSchema } from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const filters = projectFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const page = await getResearchListPage(getDatabase().db, user, filters, today());
  return { ...page, filters, minimum: MIN_SDGS_PER_PROJECT, deleted: url.searchParams.get('deleted') === '1' };
};
