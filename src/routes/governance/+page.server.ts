import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canEditReferenceData } from '$lib/server/features/auth';
import {
  addGroupMember,
  createWorkingGroup,
  groupMemberInputSchema,
  institutionProfileSchema,
  listPersonRefs,
  loadGovernance,
  referentInputSchema,
  removeGroupMember,
  setCommitteeChair,
  setDirectorateReferent,
  updateInstitutionProfile,
  workingGroupInputSchema,
} from '$lib/server/features/people';
import { countReferents, listPlans, loadPlanTree } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const [governance, people, plans, referentCount] = await Promise.all([
    loadGovernance(db, user.institutionId),
    listPersonRefs(db, user.institutionId),
    listPlans(db, user.institutionId),
    countReferents(db, user.institutionId),
  ]);
  if (!governance) notFound();
  const trees = await Promise.all(plans.map((p) => loadPlanTree(db, user.institutionId, p.id)));
  return {
    governance,
    referentCount,
    means: trees.flatMap((tree) =>
      tree?.means.length ? [{ planId: tree.plan.id, planTitle: tree.plan.title, lines: tree.means }] : [],
    ),
    personOptions: people
      .map((p) => ({ id: p.id, label: p.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label, user.locale)),
    canEdit: canEditReferenceData(user),
    saved: url.searchParams.get('saved'),
  };
};

type FormName = 'profile' | 'referent' | 'chair' | 'group' | 'member';

/** Reads a form into trimmed strings; empty fields become null. */
async function readForm(request: Request) {
  const form = await request.formData();
  return (key: string) => {
    const v = String(form.get(key) ?? '').trim();
    return v === '' ? null : v;
  };
}

function refuse(form: FormName, error: string, extra: Record<string, string | null> = {}) {
  return fail(400, { form, error, ...extra });
}

/** Governance changes are the officer's: checked before the form is even read. */
function requireOfficer(locals: App.Locals, url: URL) {
  const user = requireUser(locals, url);
  requireThat(canEditReferenceData(user));
  return user;
}

/** Back to the section the form came from, or the form again with the reason. */
function finish(
  form: FormName,
  anchor: string,
  result: { ok: true } | { ok: false; error: { code: string } },
  extra: Record<string, string | null> = {},
) {
  if (!result.ok) {
    requireThat(result.error.code !== 'governance.forbidden');
    return refuse(form, result.error.code, extra);
  }
  redirect(303, `/governance?saved=${form}#${anchor}`);
}

export const actions: Actions = {
  profile: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const raw = { purposeStatement: text('purposeStatement'), ambition: text('ambition'), values: text('values') };
    const parsed = institutionProfileSchema.safeParse(raw);
    if (!parsed.success) return refuse('profile', 'governance.form.invalid', raw);
    const result = await updateInstitutionProfile(getDatabase().db, user, parsed.data, text('stamp') ?? '');
    return finish('profile', 'profile', result, raw);
  },
  referent: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const parsed = referentInputSchema.safeParse({ unitId: text('unitId'), personId: text('personId') });
    if (!parsed.success) return refuse('referent', 'governance.form.invalid');
    return finish('referent', 'committee', await setDirectorateReferent(getDatabase().db, user, parsed.data));
  },
  chair: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const parsed = z.string().min(1).max(64).safeParse(text('personId'));
    if (!parsed.success) return refuse('chair', 'governance.form.invalid');
    return finish('chair', 'committee', await setCommitteeChair(getDatabase().db, user, parsed.data));
  },
  group: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const raw = { kind: text('kind') ?? 'working_group', name: text('name') ?? '', purpose: text('purpose') };
    const parsed = workingGroupInputSchema.safeParse(raw);
    if (!parsed.success) return refuse('group', 'governance.form.invalid', raw);
    return finish('group', 'groups', await createWorkingGroup(getDatabase().db, user, parsed.data), raw);
  },
  addMember: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const groupId = text('groupId');
    const parsed = groupMemberInputSchema.safeParse({ groupId, personId: text('personId') });
    if (!parsed.success) return refuse('member', 'governance.form.invalid', { groupId });
    return finish('member', 'groups', await addGroupMember(getDatabase().db, user, parsed.data), { groupId });
  },
  removeMember: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const text = await readForm(request);
    const memberId = text('memberId');
    if (!memberId) return refuse('member', 'governance.form.invalid');
    return finish('member', 'groups', await removeGroupMember(getDatabase().db, user, memberId));
  },
};
