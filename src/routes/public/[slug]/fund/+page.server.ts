import { getPublicFund } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Public: the compensation fund's projects (the travel feature's public report); 404 when not public. */
export const load: PageServerLoad = async ({ params }) => {
  const page = await getPublicFund(getDatabase().db, params.slug);
  if (!page) notFound();
  return page;
};
