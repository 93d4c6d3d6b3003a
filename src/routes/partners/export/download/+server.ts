import { z } from 'zod';
import { exportPartners, PARTNERS_EXPORT_FORMATS } from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(PARTNERS_EXPORT_FORMATS).default('xlsx') });

/** The partners with roles, SDGs and agreements (contacts for the officer) as CSV or XLSX; a bad query is a 404. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportPartners(getDatabase().db, user, query.data.format, {
    locale: locals.locale,
    today: new Date().toISOString().slice(0, 10),
  });
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
