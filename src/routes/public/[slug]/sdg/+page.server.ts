import { z } from 'zod';
import { getPublicSdgMatrix } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const querySchema = z.object({ plan: z.string().max(64).optional().catch(undefined) });

/** Public: actions per SDG and Plan-vert axis (counts only); 404 when the section is not public. */
export const load: PageServerLoad = async ({ params, url }) => {
  const { plan } = querySchema.parse(Object.fromEntries(url.searchParams));
  const page = await getPublicSdgMatrix(getDatabase().db, params.slug, plan || undefined);
  if (!page) notFound();
  return page;
};
