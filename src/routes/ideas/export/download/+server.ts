import { z } from 'zod';
import { exportIdeas, IDEAS_EXPORT_FORMATS } from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(IDEAS_EXPORT_FORMATS).default('xlsx') });

/** Every idea of the institution as CSV or XLSX (officer only); anonymous authors written "Anonyme". */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportIdeas(getDatabase().db, user, query.data.format, { locale: locals.locale });
  requireThat(file !== undefined);
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
