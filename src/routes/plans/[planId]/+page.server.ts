import { z } from 'zod';
import { listPeople, listUnits } from '$lib/server/features/people';
import {
  ACTION_STATUSES,
  AXIS_CODES,
  actionsOf,
  filterPlanTree,
  hasFilters,
  loadPlanTree,
} from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const empty = (v: unknown) => (v === '' ? undefined : v);
const filtersSchema = z.object({
  sdg: z.preprocess(empty, z.coerce.number().int().min(1).max(17).optional()).catch(undefined),
  axis: z.preprocess(empty, z.enum(AXIS_CODES).optional()).catch(undefined),
  pilot: z.preprocess(empty, z.string().max(64).optional()).catch(undefined),
  unit: z.preprocess(empty, z.string().max(64).optional()).catch(undefined),
  status: z.preprocess(empty, z.enum(ACTION_STATUSES).optional()).catch(undefined),
  q: z.preprocess(empty, z.string().max(200).optional()).catch(undefined),
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const tree = await loadPlanTree(db, user.institutionId, params.planId);
  if (!tree) notFound();
  const filters = filtersSchema.parse(Object.fromEntries(url.searchParams));
  const [people, units] = await Promise.all([listPeople(db, user.institutionId), listUnits(db, user.institutionId)]);
  const personUnit = new Map(people.map((p) => [p.id, p.unitId]));
  const filtered = filterPlanTree(tree, filters, personUnit);
  const all = actionsOf(tree);
  const pilotIds = new Set(all.flatMap((a) => a.pilots.map((p) => p.personId ?? p.teamId ?? p.unitId)));
  const pilotOptions = [
    ...people.filter((p) => pilotIds.has(p.id)).map((p) => ({ id: p.id, label: p.displayName })),
    ...units
      .filter((u) => pilotIds.has(u.id))
      .map((u) => ({ id: u.id, label: u.shortName ? `${u.name} (${u.shortName})` : u.name })),
  ];
  return {
    tree: filtered,
    filters,
    filtered: hasFilters(filters),
    shown: actionsOf(filtered).length,
    total: all.length,
    pilotOptions,
    unitOptions: units.map((u) => ({ id: u.id, label: u.name })),
  };
};
