import { fail, redirect } from '@sveltejs/kit';
import { actionEditSchema, editAction, getActionPage } from '$lib/server/features/plan';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getActionPage(getDatabase().db, user, params.actionId);
  if (!page) notFound();
  requireThat(page.canEdit);
  return { page };
};

/** Reads the edit form into the service's input: French decimal commas and empty fields accepted. */
function readForm(form: FormData) {
  const text = (k: string) => {
    const v = String(form.get(k) ?? '').trim();
    return v === '' ? null : v;
  };
  const decimal = (k: string, scale: number) => {
    const v = text(k);
    if (v === null) return null;
    const n = Number(v.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? Math.round(n * scale) : Number.NaN;
  };
  return {
    expectedVersion: form.get('version'),
    title: String(form.get('title') ?? ''),
    status: form.get('status'),
    startDate: text('startDate'),
    endDate: text('endDate'),
    fteMilli: decimal('fte', 1000),
    budgetCents: decimal('budget', 100),
    description: text('description'),
    sdgs: form.getAll('sdgs').map(Number),
    axes: form.getAll('axes').map(String),
  };
}

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const raw = readForm(await request.formData());
    const parsed = actionEditSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'form')))];
      return fail(400, { error: 'plan.action.error.invalid', fields, values: raw });
    }
    const result = await editAction(getDatabase().db, user, params.actionId, parsed.data);
    if (!result.ok) {
      if (result.error.code === 'plan.action.notFound') notFound();
      requireThat(result.error.code !== 'plan.action.forbidden');
      return fail(409, { error: result.error.code, fields: [] as string[], values: raw });
    }
    redirect(303, `/actions/${params.actionId}?saved=1`);
  },
};
