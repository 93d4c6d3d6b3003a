import { z } from 'zod';
import { exportTrips, TRIPS_EXPORT_FORMATS } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(TRIPS_EXPORT_FORMATS).default('xlsx') });

/**
 * The trips the signed-in user may read (their own; all of the institution for
 * the admin) as CSV, XLSX or the GES 1point5 file; a bad query is a 404 like
 * the other exports. `x-omitted-legs` counts the legs GES 1point5 cannot hold.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportTrips(getDatabase().db, user, query.data.format, { locale: locals.locale });
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'x-omitted-legs': String(file.omittedLegs),
    },
  });
};
