import { z } from 'zod';
import { EXPORT_FORMATS, exportPlan } from '$lib/server/features/plan-export';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

const querySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('xlsx') });

/** The plan as a spreadsheet, for any signed-in user of its institution; an unknown format is a resource that does not exist. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const query = querySchema.safeParse({ format: url.searchParams.get('format') ?? undefined });
  if (!query.success) notFound();
  const file = await exportPlan(getDatabase().db, {
    institutionId: user.institutionId,
    planId: params.planId,
    format: query.data.format,
  });
  if (!file) notFound();
  return new Response(file.bytes, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
    },
  });
};
