import { z } from 'zod';
import { getPublicPlanProgress } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const querySchema = z.object({ plan: z.string().max(64).optional().catch(undefined) });

/** Public: plan progress by workstream and SDG, from validated values only; 404 when the section is not public. */
export const load: PageServerLoad = async ({ params, url }) => {
  const { plan } = querySchema.parse(Object.fromEntries(url.searchParams));
  const today = new Date().toISOString().slice(0, 10);
  const page = await getPublicPlanProgress(getDatabase().db, params.slug, today, plan || undefined);
  if (!page) notFound();
  return page;
};
