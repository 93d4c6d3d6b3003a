import { getEditionView } from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { editionOf } from '../edition';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const view = await getEditionView(getDatabase().db, user, editionOf(params.edition), locals.locale);
  if (!view) notFound();
  return { view, done: url.searchParams.get('done') };
};
