import { z } from 'zod';
import { AWARENESS_EXPORT_CONTENTS, AWARENESS_EXPORT_FORMATS, exportAwareness } from '$lib/server/features/awareness';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({
  format: z.enum(AWARENESS_EXPORT_FORMATS).default('xlsx'),
  content: z.enum(AWARENESS_EXPORT_CONTENTS).default('sessions'),
});

/** Sessions with their counts for everyone signed in; named participants for the officer only (404 otherwise). */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await exportAwareness(getDatabase().db, user, query.data.format, {
    content: query.data.content,
    locale: locals.locale,
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
