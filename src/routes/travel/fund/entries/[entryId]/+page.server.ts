import { error, fail, redirect } from '@sveltejs/kit';
import { listAuditForEntity } from '$lib/server/features/audit';
import { deleteFundEntry, getFundEntry, updateFundEntry } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import { readFundEntryForm } from '../../fund-entry-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(user.role === 'admin');
  const db = getDatabase().db;
  const entry = await getFundEntry(db, user, params.entryId);
  if (!entry) error(404, 'errors.notFound');
  const history = await listAuditForEntity(db, 'fund_entry', entry.id);
  return { entry, history: history.filter((h) => h.field !== null), today: new Date().toISOString().slice(0, 10) };
};

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(user.role === 'admin');
    const form = await request.formData();
    const { values, input } = readFundEntryForm(form);
    const result = await updateFundEntry(getDatabase().db, user, params.entryId, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'fund.error.forbidden');
      if (result.error.code === 'fund.error.notFound') error(404, 'errors.notFound');
      return fail(400, { scope: 'save' as const, error: result.error.code, values });
    }
    redirect(303, '/travel/fund?saved=edited');
  },
  delete: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(user.role === 'admin');
    const form = await request.formData();
    if (form.get('confirm') !== 'yes')
      return fail(400, { scope: 'delete' as const, error: 'fund.entry.deleteConfirmMissing' });
    const result = await deleteFundEntry(getDatabase().db, user, params.entryId);
    if (!result.ok) {
      requireThat(result.error.code !== 'fund.error.forbidden');
      error(404, 'errors.notFound');
    }
    redirect(303, '/travel/fund?saved=deleted');
  },
};
