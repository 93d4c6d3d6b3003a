import { getOpenDataPage } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Public: the open data files and their licence; 404 when the section is not public. */
export const load: PageServerLoad = async ({ params }) => {
  const page = await getOpenDataPage(getDatabase().db, params.slug);
  if (!page) notFound();
  return page;
};
