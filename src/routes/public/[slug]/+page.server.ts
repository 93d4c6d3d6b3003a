import { getPortalHome } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: the portal's home, or a 404 when the institution has not opened its portal. */
export const load: PageServerLoad = async ({ params }) => {
  const home = await getPortalHome(getDatabase().db, params.slug);
  if (!home) notFound();
  return home;
};
