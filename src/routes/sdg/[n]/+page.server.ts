import { z } from 'zod';
import { loadPlanTrees, sdgPageView } from '$lib/server/features/sdg';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

// Only the canonical spelling ("4", not "04" or "4.0"): one address per SDG.
const sdgParam = z
  .string()
  .regex(/^[1-9]\d?$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(17));

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const parsed = sdgParam.safeParse(params.n);
  if (!parsed.success) notFound();
  const trees = await loadPlanTrees(getDatabase().db, user.institutionId);
  return { page: sdgPageView(trees, parsed.data) };
};
