import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getConfig } from '$lib/server/config';
import {
  canImportValues,
  commitValueImportUpload,
  createValueImport,
  getValueImport,
  MAX_VALUE_ROWS,
} from '$lib/server/features/indicators';
import { getDatabase } from '$lib/server/runtime';
import { notFound, readUploadedFile, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

/** Rows of the report sent to the page, errors first; the counts always cover the whole file. */
const MAX_SHOWN_ROWS = 1_000;

const uploadIdSchema = z.string().trim().min(1).max(64);
const STATUS_ORDER = { error: 0, ok: 1, unchanged: 2, skipped: 3 } as const;

function refuse(error: string, params: Record<string, string | number> = {}, status = 400) {
  return fail(status, { error, params });
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canImportValues(user));
  const limits = { maxMb: getConfig().UPLOAD_MAX_MB, maxRows: MAX_VALUE_ROWS };
  const asked = url.searchParams.get('upload');
  if (asked === null) return { limits, upload: null };
  const id = uploadIdSchema.safeParse(asked);
  const view = id.success ? await getValueImport(getDatabase().db, user, id.data) : undefined;
  if (!view) notFound();
  const preview = view.report?.preview ?? (view.preview?.ok ? view.preview.value : null);
  const rows = [...(preview?.rows ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.line - b.line,
  );
  return {
    limits,
    upload: {
      id: view.id,
      filename: view.filename,
      committed: view.committed,
      submit: view.submit,
      error: view.preview && !view.preview.ok ? view.preview.error : null,
      file: preview && {
        format: preview.format,
        encoding: preview.encoding,
        delimiter: preview.delimiter,
        sheet: preview.sheet,
      },
      counts: preview?.counts ?? null,
      committable: preview?.committable ?? false,
      rows: rows.slice(0, MAX_SHOWN_ROWS),
      totalRows: rows.length,
      done: view.report ? { saved: view.report.saved, submitted: view.report.submitted } : null,
    },
  };
};

export const actions: Actions = {
  check: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportValues(user));
    const upload = await readUploadedFile(request, locals, getConfig().UPLOAD_MAX_MB, 'valeurs');
    if (!upload.ok) return refuse(upload.error, upload.params);
    const created = await createValueImport(getDatabase().db, user, {
      filename: upload.filename,
      bytes: upload.bytes,
      submit: upload.form.get('submit') === 'on',
    });
    if (!created.ok) return refuse(created.error.code, created.error.params);
    redirect(303, `/my/values/import?upload=${created.value.id}`);
  },

  commit: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canImportValues(user));
    const form = await request.formData();
    const id = uploadIdSchema.safeParse(form.get('upload'));
    if (!id.success) notFound();
    const result = await commitValueImportUpload(getDatabase().db, user, id.data, {
      submit: form.get('submit') === 'on',
    });
    if (!result.ok) {
      if (result.error.code === 'errors.notFound') notFound();
      const status = result.error.code === 'indicators.value.stale' ? 409 : 400;
      return refuse(result.error.code, result.error.params, status);
    }
    redirect(303, `/my/values/import?upload=${id.data}`);
  },
};
