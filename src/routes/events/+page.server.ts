import { EVENT_KINDS, eventFilterSchema, getEventsListPage } from '$lib/server/features/events';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const filter = eventFilterSchema.parse(Object.fromEntries(url.searchParams));
  const page = await getEventsListPage(getDatabase().db, user, filter);
  return {
    ...page,
    filter,
    kinds: EVENT_KINDS,
    years: page.totals.map((t) => t.year),
    query: url.search,
    saved: url.searchParams.get('saved'),
  };
};
