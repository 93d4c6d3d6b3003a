import { getPublicFundReport } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Public: no requireUser, and the report carries no trip or person detail. */
export const load: PageServerLoad = async ({ params }) => {
  const report = await getPublicFundReport(getDatabase().db, params.institutionSlug);
  if (!report) notFound();
  return { report };
};
