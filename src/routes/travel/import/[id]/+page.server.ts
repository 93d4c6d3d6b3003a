import { fail } from '@sveltejs/kit';
import { canImportTrips, commitTripImportUpload, getTripImport, type TripImportRow } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const STATUS_ORDER: Record<TripImportRow['status'], number> = { rejected: 0, warning: 1, valid: 2 };

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canImportTrips(user));
  const view = await getTripImport(getDatabase().db, user, params.id);
  if (!view) notFound();
  const preview = view.preview?.ok ? view.preview.value : null;
  return {
    upload: { id: view.id, filename: view.filename, committed: view.committed, tripCount: view.tripCount },
    error: view.preview && !view.preview.ok ? view.preview.error : null,
    counts: preview?.counts ?? null,
    // Errors first, then warnings, each in file order.
    rows: preview
      ? [...preview.rows].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.line - b.line)
      : [],
  };
};

export const actions: Actions = {
  default: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canImportTrips(user));
    const committed = await commitTripImportUpload(getDatabase().db, user, params.id);
    if (!committed.ok) return fail(400, { error: committed.error.code, params: committed.error.params ?? {} });
    return { committed: committed.value.tripIds.length };
  },
};
