import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canImportValues, getMyValuesPage, type MyValueEntry, recordMyValues } from '$lib/server/features/indicators';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const yearSchema = z.coerce.number().int().min(1900).max(9999);
const countSchema = z.coerce.number().int().min(0).max(100_000);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const year = yearSchema.safeParse(url.searchParams.get('year') ?? undefined);
  const saved = countSchema.safeParse(url.searchParams.get('saved') ?? undefined);
  const submitted = countSchema.safeParse(url.searchParams.get('submitted') ?? undefined);
  return {
    page: await getMyValuesPage(getDatabase().db, user, year.success ? year.data : undefined),
    done: saved.success && submitted.success ? { saved: saved.data, submitted: submitted.data } : null,
    canImport: canImportValues(user),
  };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const year = yearSchema.safeParse(form.get('year'));
    const ids = form.getAll('indicator').map(String).slice(0, 1000);
    const field = (name: string, id: string) => String(form.get(`${name}-${id}`) ?? '').trim();
    const entries: MyValueEntry[] = ids.map((id) => {
      const seen = z.coerce
        .number()
        .int()
        .min(1)
        .safeParse(form.get(`version-${id}`) || undefined);
      return {
        indicatorId: id,
        value: field('value', id),
        comment: field('comment', id),
        expectedVersion: seen.success ? seen.data : null,
      };
    });
    const typed = Object.fromEntries(entries.map((e) => [e.indicatorId, { value: e.value, comment: e.comment }]));
    if (!year.success) return fail(400, { error: 'indicators.value.invalidPeriod', rows: [], values: typed });
    const result = await recordMyValues(getDatabase().db, user, {
      year: year.data,
      entries,
      submit: form.get('intent') === 'submit',
    });
    if (!result.ok) {
      const status = result.error.code === 'indicators.value.stale' ? 409 : 400;
      return fail(status, { error: result.error.code, rows: result.rows, values: typed });
    }
    redirect(303, `/my/values?year=${year.data}&saved=${result.value.saved}&submitted=${result.value.submitted}`);
  },
};
