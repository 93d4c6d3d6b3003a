import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** The modules of people and partners, in the order of the plan's chapters. */
const MODULES = ['awareness', 'teaching', 'ideas', 'partners', 'research', 'events'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  return { modules: MODULES };
};
