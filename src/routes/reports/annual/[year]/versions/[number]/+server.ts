import { z } from 'zod';
import { getPublishedDocument } from '$lib/server/features/reports';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { reportQuerySchema, reportResponse, reportYearSchema } from '../../../../report-file';
import type { RequestHandler } from './$types';

const numberSchema = z.coerce.number().int().min(1).max(10_000);

/** A published version, re-rendered from its frozen document (never rebuilt from live data). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const query = reportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const year = reportYearSchema.safeParse(params.year);
  const number = numberSchema.safeParse(params.number);
  if (!query.success || !year.success || !number.success) notFound();
  const doc = await getPublishedDocument(getDatabase().db, user, year.data, number.data);
  if (!doc) notFound();
  const base = doc.lang === 'en' ? 'annual-report' : 'rapport-annuel';
  return reportResponse(doc, query.data.format, `${base}-${year.data}-v${number.data}`);
};
