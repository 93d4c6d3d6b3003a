import { z } from 'zod';
import { exportTeaching, TEACHING_EXPORT_FORMATS } from '$lib/server/features/teaching';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(TEACHING_EXPORT_FORMATS).default('xlsx') });

/** Programmes and courses as CSV or XLSX, in the columns the import reads; a bad query is a 404. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportTeaching(getDatabase().db, user, query.data.format, { locale: locals.locale });
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
