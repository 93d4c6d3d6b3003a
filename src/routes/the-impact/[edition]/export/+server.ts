import { isLocale } from '$lib/i18n';
import { exportTheImpactWorkbook } from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { editionOf } from '../../edition';
import type { RequestHandler } from './$types';

/** The edition's evidence workbook (XLSX), headings in the reader's language. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const locale = isLocale(locals.locale) ? locals.locale : 'fr';
  const file = await exportTheImpactWorkbook(getDatabase().db, user, editionOf(params.edition), locale);
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
};
