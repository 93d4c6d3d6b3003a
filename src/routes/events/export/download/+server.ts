import { z } from 'zod';
import { EVENTS_EXPORT_FORMATS, eventFilterSchema, exportEvents } from '$lib/server/features/events';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const formatSchema = z.enum(EVENTS_EXPORT_FORMATS).default('xlsx');

/** The institution's events matching the list's filters as CSV or XLSX; a bad format is a 404 like the other exports. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const format = formatSchema.safeParse(url.searchParams.get('format') ?? undefined);
  if (!format.success) notFound();
  const filter = eventFilterSchema.parse(Object.fromEntries(url.searchParams));
  const file = await exportEvents(getDatabase().db, user, format.data, { locale: locals.locale, filter });
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
