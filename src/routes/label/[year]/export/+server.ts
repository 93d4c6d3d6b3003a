import { z } from 'zod';
import { exportLabelAssessment, LABEL_EXPORT_FORMATS } from '$lib/server/features/label';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(LABEL_EXPORT_FORMATS).default('xlsx') });
const yearSchema = z.coerce.number().int().min(2000).max(2100);

/**
 * A year's self-assessment for the auditors, as XLSX (summary and one sheet per
 * axis) or CSV, for the officer and the committee; anyone else, a bad query or
 * a year without assessment gets the same 404.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  const year = yearSchema.safeParse(params.year);
  if (!query.success || !year.success) notFound();
  const file = await exportLabelAssessment(getDatabase().db, user, year.data, query.data.format, {
    locale: locals.locale,
    baseUrl: url.origin,
  });
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
