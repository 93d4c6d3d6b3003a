import { fail, redirect } from '@sveltejs/kit';
import { canEditReferenceData } from '$lib/server/features/auth';
import {
  buildUnitTree,
  createPerson,
  createUnit,
  listPeople,
  listPilotCountsByPlan,
  listTeams,
  listUnits,
  personInputSchema,
  UNIT_KINDS,
  unitInputSchema,
} from '$lib/server/features/people';
import { actorOf, listPlans } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const [units, people, teams, plans, counts] = await Promise.all([
    listUnits(db, user.institutionId),
    listPeople(db, user.institutionId),
    listTeams(db, user.institutionId),
    listPlans(db, user.institutionId),
    listPilotCountsByPlan(db, user.institutionId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    tree: buildUnitTree(units),
    unitOptions: units.map((u) => ({
      id: u.id,
      label: u.shortName && u.shortName !== u.name ? `${u.name} (${u.shortName})` : u.name,
    })),
    people: people.map((p) => ({
      ...p,
      // In plan order, so each person's links read the same way down the table.
      plans: plans.flatMap((plan) => {
        const c = counts.find((x) => x.personId === p.id && x.planId === plan.id);
        return c ? [{ planId: plan.id, planTitle: plan.title, count: c.count }] : [];
      }),
    })),
    teams: teams.map((team) => ({ ...team, unitName: team.unitId ? (unitName.get(team.unitId) ?? null) : null })),
    unitKinds: UNIT_KINDS,
    canEdit: canEditReferenceData(user),
    created: url.searchParams.get('created'),
  };
};

function textOf(form: FormData) {
  return (key: string) => {
    const v = String(form.get(key) ?? '').trim();
    return v === '' ? null : v;
  };
}

function invalidFields(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  return [...new Set(issues.map((i) => String(i.path[0] ?? 'form')))];
}

export const actions: Actions = {
  addPerson: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReferenceData(user));
    const text = textOf(await request.formData());
    const raw = {
      displayName: text('displayName') ?? '',
      familyName: text('familyName'),
      initials: text('initials'),
      email: text('email'),
      jobTitle: text('jobTitle'),
      unitId: text('unitId'),
    };
    const parsed = personInputSchema.safeParse(raw);
    if (!parsed.success) {
      return fail(400, {
        form: 'person' as const,
        error: 'people.form.invalid',
        fields: invalidFields(parsed.error.issues),
        values: raw,
      });
    }
    await createPerson(getDatabase().db, actorOf(user), user.institutionId, parsed.data);
    redirect(303, '/people?created=person#people');
  },
  addUnit: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReferenceData(user));
    const text = textOf(await request.formData());
    const raw = {
      name: text('name') ?? '',
      shortName: text('shortName'),
      kind: text('kind') ?? '',
      parentId: text('parentId'),
      purpose: text('purpose'),
    };
    const parsed = unitInputSchema.safeParse(raw);
    if (!parsed.success) {
      return fail(400, {
        form: 'unit' as const,
        error: 'people.form.invalid',
        fields: invalidFields(parsed.error.issues),
        values: raw,
      });
    }
    await createUnit(getDatabase().db, actorOf(user), user.institutionId, parsed.data);
    redirect(303, '/people?created=unit#units');
  },
};
