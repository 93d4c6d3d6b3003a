import { fail, redirect } from '@sveltejs/kit';
import {
  addUser,
  canManageUsers,
  listUsers,
  MIN_PASSWORD_LENGTH,
  newUserSchema,
  ROLES,
  updateUser,
  userUpdateSchema,
} from '$lib/server/features/auth';
import { listPeople } from '$lib/server/features/people';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

function requireUserManager(locals: App.Locals, url: URL) {
  const user = requireUser(locals, url);
  requireThat(canManageUsers(user));
  return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUserManager(locals, url);
  const db = getDatabase().db;
  const [users, people] = await Promise.all([listUsers(db, user.institutionId), listPeople(db, user.institutionId)]);
  const personName = new Map(people.map((p) => [p.id, p.displayName]));
  return {
    users: users.map((u) => ({
      ...u,
      personName: u.personId ? (personName.get(u.personId) ?? null) : null,
      isSelf: u.id === user.id,
    })),
    personOptions: people
      .map((p) => ({ id: p.id, label: p.unitName ? `${p.displayName} (${p.unitName})` : p.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label, user.locale)),
    roles: ROLES,
    minPasswordLength: MIN_PASSWORD_LENGTH,
    saved: url.searchParams.get('saved'),
  };
};

/** A zod issue message is an i18n key when the schema set one; otherwise the generic one. */
function errorOf(issues: readonly { message: string }[]): string {
  const known = issues.find((i) => /^(auth|admin)\.user\./.test(i.message));
  return known?.message ?? 'admin.user.invalid';
}

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    const user = requireUserManager(locals, url);
    const form = await request.formData();
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const values = {
      email: text('email'),
      displayName: text('displayName'),
      role: text('role'),
      personId: text('personId'),
    };
    const parsed = newUserSchema.safeParse({
      ...values,
      password: String(form.get('password') ?? ''),
      personId: values.personId || null,
    });
    if (!parsed.success) return fail(400, { form: 'create' as const, error: errorOf(parsed.error.issues), values });
    const result = await addUser(getDatabase().db, user, parsed.data);
    if (!result.ok) return fail(400, { form: 'create' as const, error: result.error.code, values });
    redirect(303, '/admin/users?saved=created');
  },
  update: async ({ locals, url, request }) => {
    const user = requireUserManager(locals, url);
    const form = await request.formData();
    const userId = String(form.get('userId') ?? '');
    const parsed = userUpdateSchema.safeParse({
      role: form.get('role'),
      personId: String(form.get('personId') ?? '') || null,
      disabled: form.get('disabled') === 'on',
    });
    if (!parsed.success) return fail(400, { form: 'update' as const, userId, error: 'admin.user.invalid' });
    const result = await updateUser(getDatabase().db, user, userId, parsed.data);
    if (!result.ok) {
      if (result.error.code === 'admin.user.notFound') notFound();
      return fail(400, { form: 'update' as const, userId, error: result.error.code });
    }
    redirect(303, '/admin/users?saved=updated');
  },
};
