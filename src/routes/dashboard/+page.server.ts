import { z } from 'zod';
import { getPlanDashboard } from '$lib/server/features/dashboard';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const empty = (v: unknown) => (v === '' ? undefined : v);
const querySchema = z.object({
  plan: z.preprocess(empty, z.string().max(64).optional()).catch(undefined),
});

/** The plan overview; every signed-in role may read it. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const { plan } = querySchema.parse(Object.fromEntries(url.searchParams));
  const today = new Date().toISOString().slice(0, 10);
  const page = await getPlanDashboard(getDatabase().db, user.institutionId, plan, today);
  if (!page) notFound();
  return { page };
};
