import { fail, redirect } from '@sveltejs/kit';
import { getPersonPage, listUnits, personInputSchema, updatePerson } from '$lib/server/features/people';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const page = await getPersonPage(db, user, params.personId);
  if (!page) notFound();
  const units = await listUnits(db, user.institutionId);
  return {
    page,
    unitOptions: units.map((u) => ({
      id: u.id,
      label: u.shortName && u.shortName !== u.name ? `${u.name} (${u.shortName})` : u.name,
    })),
    saved: url.searchParams.get('saved') === '1',
  };
};

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const text = (key: string) => {
      const v = String(form.get(key) ?? '').trim();
      return v === '' ? null : v;
    };
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
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'form')))];
      return fail(400, { error: 'people.form.invalid', fields, values: raw });
    }
    const result = await updatePerson(
      getDatabase().db,
      user,
      params.personId,
      parsed.data,
      String(form.get('stamp') ?? ''),
    );
    if (!result.ok) {
      if (result.error.code === 'people.person.notFound') notFound();
      requireThat(result.error.code !== 'people.forbidden');
      return fail(409, { error: result.error.code, fields: [] as string[], values: raw });
    }
    redirect(303, `/people/${params.personId}?saved=1`);
  },
};
