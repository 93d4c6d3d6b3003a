import { fail, redirect } from '@sveltejs/kit';
import { listAuditForEntity } from '$lib/server/features/audit';
import {
  addFundEntry,
  getCarbonPrice,
  getFundLedger,
  getPublicFundPath,
  setCarbonPrice,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { decimalOf, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';
import { readFundEntryForm } from './fund-entry-form';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const isAdmin = user.role === 'admin';
  const year = new Date().getUTCFullYear();
  const [prices, ledger, history, publicPath] = await Promise.all([
    Promise.all([year, year + 1].map((y) => getCarbonPrice(db, user.institutionId, y))),
    getFundLedger(db, user),
    isAdmin ? listAuditForEntity(db, 'carbon_price', user.institutionId) : Promise.resolve([]),
    getPublicFundPath(db, user.institutionId),
  ]);
  return {
    isAdmin,
    prices,
    ledger: ledger.reverse(),
    history: history.filter((h) => h.field !== null),
    publicPath: publicPath ?? null,
    today: new Date().toISOString().slice(0, 10),
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  price: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(user.role === 'admin');
    const form = await request.formData();
    const year = Number(form.get('year'));
    const price = String(form.get('price') ?? '');
    const result = await setCarbonPrice(getDatabase().db, user, year, decimalOf(price));
    if (!result.ok) {
      requireThat(result.error.code !== 'fund.error.forbidden');
      return fail(400, { scope: 'price' as const, year, error: result.error.code, price });
    }
    redirect(303, '/travel/fund?saved=price');
  },
  entry: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(user.role === 'admin');
    const form = await request.formData();
    const { values, input } = readFundEntryForm(form);
    const result = await addFundEntry(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'fund.error.forbidden');
      return fail(400, { scope: 'entry' as const, error: result.error.code, values });
    }
    redirect(303, '/travel/fund?saved=entry');
  },
};
