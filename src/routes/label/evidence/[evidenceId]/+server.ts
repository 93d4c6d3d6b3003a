import { getLabelDocumentDownload } from '$lib/server/features/label';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/**
 * A document uploaded as label evidence, for the officer and the committee of
 * its institution: always an attachment with the type detected from its bytes;
 * nosniff and a sandboxing CSP keep a browser from running anything.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const file = await getLabelDocumentDownload(getDatabase().db, user, params.evidenceId);
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
