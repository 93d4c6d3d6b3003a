import { fail, redirect } from '@sveltejs/kit';
import {
  ACCOUNTING_FIELDS,
  type AccountingMapping,
  canImportTrips,
  commitTripImportUpload,
  getTripImport,
  getTripImportProfile,
  listTripImportProfiles,
  saveTripImportMapping,
  saveTripImportProfile,
  type TripImportRow,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const STATUS_ORDER: Record<TripImportRow['status'], number> = { rejected: 0, warning: 1, skipped: 2, valid: 3 };

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canImportTrips(user));
  const db = getDatabase().db;
  const view = await getTripImport(db, user, params.id);
  if (!view) notFound();
  const step = view.mappingStep;
  const showMapping = step !== null && (!step.confirmed || url.searchParams.has('mapping'));
  const preview = !showMapping && view.preview?.ok ? view.preview.value : null;
  return {
    upload: {
      id: view.id,
      filename: view.filename,
      format: view.format,
      committed: view.committed,
      tripCount: view.tripCount,
    },
    mapping:
      showMapping && step
        ? { fields: [...ACCOUNTING_FIELDS], header: step.header, values: step.mapping, unmatched: step.unmatched }
        : null,
    canEditMapping: step !== null,
    profiles: showMapping ? (await listTripImportProfiles(db, user)).map((p) => ({ id: p.id, name: p.name })) : [],
    error: !showMapping && view.preview && !view.preview.ok ? view.preview.error : null,
    counts: preview?.counts ?? null,
    unresolvedPlaces: preview?.unresolved.length ?? 0,
    // Errors first, then warnings, then skipped lines, each in file order.
    rows: preview
      ? [...preview.rows].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.line - b.line)
      : [],
  };
};

function mappingOf(form: FormData): AccountingMapping {
  const mapping: AccountingMapping = {};
  for (const field of ACCOUNTING_FIELDS) {
    const header = String(form.get(field) ?? '').trim();
    if (header !== '') mapping[field] = header;
  }
  return mapping;
}

export const actions: Actions = {
  mapping: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const db = getDatabase().db;
    const form = await request.formData();
    const saved = await saveTripImportMapping(db, user, params.id, { mapping: mappingOf(form), confirmed: true });
    if (!saved.ok) return fail(400, { error: saved.error.code, params: saved.error.params ?? {} });
    const name = String(form.get('profileName') ?? '').trim();
    if (name === '') return { profileSaved: null };
    const profile = await saveTripImportProfile(db, user, { name, format: 'accounting', mapping: saved.value.mapping });
    if (!profile.ok) return fail(400, { error: profile.error.code, params: {} });
    return { profileSaved: name };
  },
  profile: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const db = getDatabase().db;
    const form = await request.formData();
    const profile = await getTripImportProfile(db, user, String(form.get('profile') ?? ''));
    if (!profile) return fail(400, { error: 'travel.import.profile.notFound', params: {} });
    const saved = await saveTripImportMapping(db, user, params.id, { mapping: profile.mapping, confirmed: false });
    if (!saved.ok) return fail(400, { error: saved.error.code, params: saved.error.params ?? {} });
    redirect(303, `/travel/import/${params.id}?mapping`);
  },
  commit: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const committed = await commitTripImportUpload(getDatabase().db, user, params.id);
    if (!committed.ok) return fail(400, { error: committed.error.code, params: committed.error.params ?? {} });
    return { committed: committed.value.tripIds.length };
  },
};
