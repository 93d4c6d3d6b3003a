import { getAgreementFile } from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** The signed file of an agreement, always as a download, never rendered inline. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const file = await getAgreementFile(getDatabase().db, user, params.agreementId);
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': file.disposition,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
