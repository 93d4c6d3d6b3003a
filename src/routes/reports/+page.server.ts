import { getReportsIndex, isChromiumAvailable } from '$lib/server/features/reports';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const index = await getReportsIndex(getDatabase().db, user);
  const currentYear = new Date().getUTCFullYear();
  return { ...index, suggestedYears: [currentYear - 1, currentYear], pdfTagged: isChromiumAvailable() };
};
