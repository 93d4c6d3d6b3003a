import { z } from 'zod';
import { getTeachingOverview, TEACHING_LEVELS } from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const blank = (v: unknown) => (v === '' ? undefined : v);
/** Filters from the query string; an unknown value is ignored rather than refused. */
const filtersSchema = z.object({
  level: z.preprocess(blank, z.enum(TEACHING_LEVELS).optional()).catch(undefined),
  department: z.preprocess(blank, z.string().max(64).optional()).catch(undefined),
  res: z.preprocess(blank, z.enum(['yes', 'no']).optional()).catch(undefined),
});

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = filtersSchema.parse(Object.fromEntries(url.searchParams));
  const overview = await getTeachingOverview(
    getDatabase().db,
    user,
    {
      level: query.level,
      departmentId: query.department,
      res: query.res === undefined ? undefined : query.res === 'yes',
    },
    new Date().toISOString().slice(0, 10),
  );
  return { ...overview, query, saved: url.searchParams.get('saved') };
};
