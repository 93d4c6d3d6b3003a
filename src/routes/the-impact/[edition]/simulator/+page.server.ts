import { getSimulatorPage } from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { editionOf } from '../../edition';
import type { PageServerLoad } from './$types';

/** A GET form: the scores typed are in the query (`sdg-4=62,5`), nothing is stored. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const typed: Record<number, string | undefined> = {};
  for (const [key, value] of url.searchParams) {
    const m = /^sdg-(\d{1,2})$/.exec(key);
    if (m) typed[Number(m[1])] = value.slice(0, 20);
  }
  const page = await getSimulatorPage(getDatabase().db, user, editionOf(params.edition), locals.locale, typed);
  if (!page) notFound();
  return page;
};
