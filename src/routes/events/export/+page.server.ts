import { EVENT_KINDS, eventFilterSchema } from '$lib/server/features/events';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  requireUser(locals, url);
  return { filter: eventFilterSchema.parse(Object.fromEntries(url.searchParams)), kinds: EVENT_KINDS };
};
