import { getEvidenceDownload } from '$lib/server/features/indicators';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/**
 * An evidence file, for any signed-in user of its institution. Always an
 * attachment with the type detected from its bytes; nosniff and a sandboxing
 * CSP keep a browser from running anything even if it opened it inline.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const file = await getEvidenceDownload(getDatabase().db, user, params.fileId);
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': file.contentDisposition,
      'content-length': String(file.bytes.byteLength),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
};
