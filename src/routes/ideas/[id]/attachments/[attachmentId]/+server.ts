import { getIdeaAttachment } from '$lib/server/features/ideas';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** An attachment of an idea the user may read, always as a download (never rendered inline). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const file = await getIdeaAttachment(getDatabase().db, user, params.id, params.attachmentId);
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': file.contentDisposition,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
