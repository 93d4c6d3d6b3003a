import { fail, redirect } from '@sveltejs/kit';
import {
  ACCOUNTING_FIELDS,
  canImportTrips,
  deleteTripImportProfile,
  listTripImportProfiles,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportTrips(user));
  const profiles = await listTripImportProfiles(getDatabase().db, user);
  return {
    profiles: profiles.map((p) => ({
      id: p.id,
      name: p.name,
      format: p.format,
      updatedAt: p.updatedAt,
      columns: ACCOUNTING_FIELDS.flatMap((field) => {
        const header = p.mapping[field];
        return header ? [{ field, header }] : [];
      }),
    })),
    deleted: url.searchParams.has('deleted'),
  };
};

export const actions: Actions = {
  delete: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const form = await request.formData();
    const deleted = await deleteTripImportProfile(getDatabase().db, user, String(form.get('id') ?? ''));
    if (!deleted.ok) return fail(400, { error: deleted.error.code });
    redirect(303, '/travel/import/profiles?deleted');
  },
};
