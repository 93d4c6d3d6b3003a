import { z } from 'zod';
import { canRecordSessions, getCoverage } from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const querySchema = z.object({ year: z.string().regex(/^\d{4}-\d{4}$/) });

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  const year = query.success ? query.data.year : '';
  const db = getDatabase().db;
  const all = await getCoverage(db, user);
  const years = [...new Set(all.map((r) => r.academicYear))];
  const rows = year ? all.filter((r) => r.academicYear === year) : all;
  return { rows, years, year, canRecord: canRecordSessions(user) };
};
