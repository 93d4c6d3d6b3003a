import { canReadDraft, getDraftDocument } from '$lib/server/features/reports';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { reportQuerySchema, reportResponse, reportYearSchema } from '../../../report-file';
import type { RequestHandler } from './$types';

/** The year's draft, built now from live data, for the officer and the committee; anyone else gets a 404. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const query = reportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const year = reportYearSchema.safeParse(params.year);
  if (!query.success || !year.success || !canReadDraft(user)) notFound();
  const doc = await getDraftDocument(getDatabase().db, user, year.data, locals.locale);
  if (!doc) notFound();
  return reportResponse(
    doc,
    query.data.format,
    `${locals.locale === 'en' ? 'annual-report' : 'rapport-annuel'}-${year.data}-draft`,
  );
};
