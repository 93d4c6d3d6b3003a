import { z } from 'zod';
import { PUBLIC_REPORT_FORMATS, renderPublicReport } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(PUBLIC_REPORT_FORMATS).default('html') });

/** Public: a published report version in HTML (shown), PDF or DOCX (downloaded), from its frozen document. */
export const GET: RequestHandler = async ({ params, url }) => {
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) notFound();
  const file = await renderPublicReport(getDatabase().db, params.slug, params.versionId, query.data.format);
  if (!file) notFound();
  const disposition = query.data.format === 'html' ? 'inline' : 'attachment';
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `${disposition}; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
    },
  });
};
