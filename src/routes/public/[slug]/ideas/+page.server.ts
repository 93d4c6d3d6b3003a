import { getPublicIdeas } from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** No sign-in: the answered ideas of an institution that chose to publish them, else 404. */
export const load: PageServerLoad = async ({ params }) => {
  const page = await getPublicIdeas(getDatabase().db, params.slug);
  if (!page) notFound();
  return page;
};
