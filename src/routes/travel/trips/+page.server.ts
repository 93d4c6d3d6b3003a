import { canImportTrips, listTrips } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const trips = await listTrips(getDatabase().db, user);
  return {
    everyone: user.role === 'admin',
    canImport: canImportTrips(user),
    trips,
    totals: {
      emissionsGrams: trips.reduce((sum, t) => sum + t.emissionsGrams, 0),
      contributionCents: trips.reduce((sum, t) => sum + t.contributionCents, 0),
    },
  };
};
