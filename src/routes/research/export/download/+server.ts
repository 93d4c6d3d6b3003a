import { z } from 'zod';
import { exportResearch, RESEARCH_EXPORT_FORMATS, RESEARCH_EXPORT_KINDS } from '$lib/server/features/research';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({
  what: z.enum(RESEARCH_EXPORT_KINDS),
  format: z.enum(RESEARCH_EXPORT_FORMATS).default('xlsx'),
});

/** The projects (with SDGs and partners) or the open-access table as CSV or XLSX; a bad query is a 404. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportResearch(getDatabase().db, user, query.data.what, query.data.format, {
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
