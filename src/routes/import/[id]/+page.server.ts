import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canImportPlan, type SessionUser } from '$lib/server/features/auth';
import {
  commitUpload,
  getUpload,
  PLAN_FIELDS,
  saveUploadOptions,
  type UploadView,
} from '$lib/server/features/plan-import';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

type Params = Record<string, string | number>;

function refuse(error: string, params: Params = {}, mapping: Record<string, string> | null = null) {
  return fail(400, { error, params, mapping });
}

async function requireUpload(
  locals: App.Locals,
  url: URL,
  id: string,
): Promise<{ user: SessionUser; view: UploadView }> {
  const user = requireUser(locals, url);
  requireThat(canImportPlan(user));
  const view = await getUpload(getDatabase().db, user, id);
  if (!view) notFound();
  return { user, view };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { view } = await requireUpload(locals, url, params.id);
  return {
    upload: { id: view.id, filename: view.filename, status: view.status, planId: view.planId },
    preview: view.result.ok ? view.result.value.preview : null,
    error: view.result.ok ? null : view.result.error,
    table: view.table,
    report: view.status === 'committed' ? view.report : null,
    fields: [...PLAN_FIELDS],
  };
};

const optionalYear = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : null),
  z.number().int().min(1900).max(2200).nullable(),
);
const settingsSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    kind: z.enum(['multi_year', 'yearly']),
    startYear: optionalYear,
    endYear: optionalYear,
  })
  .refine((s) => s.startYear === null || s.endYear === null || s.endYear >= s.startYear, { path: ['endYear'] });

const fieldSchema = z.enum(PLAN_FIELDS);

/** Saves new choices, or says why not: an upload is frozen once committed. */
async function save(user: SessionUser, view: UploadView, options: UploadView['options']) {
  if (view.status !== 'preview') return refuse('import.plan.alreadyCommitted');
  if (!(await saveUploadOptions(getDatabase().db, user, view.id, options)))
    return refuse('import.plan.alreadyCommitted');
  redirect(303, `/import/${view.id}`);
}

export const actions: Actions = {
  settings: async ({ locals, url, params, request }) => {
    const { user, view } = await requireUpload(locals, url, params.id);
    const form = await request.formData();
    const parsed = settingsSchema.safeParse(
      Object.fromEntries(['title', 'kind', 'startYear', 'endYear'].map((k) => [k, form.get(k) ?? ''])),
    );
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
      return refuse(`import.ui.settings.invalid.${field}`);
    }
    return save(user, view, { ...view.options, ...parsed.data });
  },

  mapping: async ({ locals, url, params, request }) => {
    const { user, view } = await requireUpload(locals, url, params.id);
    const header = view.table?.header;
    if (!header) return refuse('import.plan.notAPlan');
    const form = await request.formData();
    const posted: Record<string, string> = {};
    for (let column = 0; column < header.length; column++) posted[column] = String(form.get(`column-${column}`) ?? '');
    const mapping: Partial<Record<(typeof PLAN_FIELDS)[number], number>> = {};
    for (const [column, value] of Object.entries(posted)) {
      if (value === '') continue;
      const field = fieldSchema.safeParse(value);
      if (!field.success) return refuse('import.ui.mapping.invalid', {}, posted);
      if (mapping[field.data] !== undefined)
        return refuse('import.ui.mapping.duplicate', { field: field.data }, posted);
      mapping[field.data] = Number(column);
    }
    if (mapping.action === undefined) return refuse('import.ui.mapping.actionRequired', {}, posted);
    return save(user, view, { ...view.options, mapping });
  },

  sheet: async ({ locals, url, params, request }) => {
    const { user, view } = await requireUpload(locals, url, params.id);
    const sheets = view.table?.sheets.length ?? 0;
    const sheet = z.coerce
      .number()
      .int()
      .min(0)
      .max(Math.max(0, sheets - 1))
      .safeParse((await request.formData()).get('sheet'));
    if (!sheet.success) return refuse('import.ui.sheet.invalid');
    // Column numbers belong to a sheet: another sheet starts again from its own headings.
    return save(user, view, { ...view.options, sheet: sheet.data, mapping: undefined });
  },

  commit: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canImportPlan(user));
    const result = await commitUpload(getDatabase().db, user, params.id);
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      requireThat(result.error.code !== 'errors.forbidden');
      return refuse(result.error.code, result.error.params);
    }
    redirect(303, `/import/${params.id}`);
  },
};
