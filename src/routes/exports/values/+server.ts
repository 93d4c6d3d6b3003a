import { z } from 'zod';
import { exportIndicatorValues, VALUES_EXPORT_FORMATS } from '$lib/server/features/api';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({
  plan: z.string().min(1).max(100),
  format: z.enum(VALUES_EXPORT_FORMATS).default('xlsx'),
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Indicator values of a plan as CSV or XLSX, for any signed-in user of its institution; a bad query is a 404 like the plan export. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportIndicatorValues(getDatabase().db, {
    institutionId: user.institutionId,
    planId: query.data.plan,
    format: query.data.format,
    history: query.data.history,
    locale: locals.locale,
  });
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
    },
  });
};
