import { z } from 'zod';
import { canImportTrips, getTravelDashboard } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
  // A year the selector did not offer, or a typo, falls back to the default year.
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

/** The travel home: the year's figures for the user's scope (every signed-in role may read it). */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const { year } = querySchema.parse({ year: url.searchParams.get('year') || undefined });
  const dashboard = await getTravelDashboard(getDatabase().db, user, { year });
  return { dashboard, canImport: canImportTrips(user) };
};
