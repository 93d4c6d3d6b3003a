import { getTrip } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const trip = await getTrip(getDatabase().db, user, params.tripId);
  if (!trip) notFound();
  return { trip };
};
