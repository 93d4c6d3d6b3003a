import { z } from 'zod';
import { buildOpenDataFile, OPEN_DATA_FORMATS, OPEN_DATASETS } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound } from '$lib/server/web';
import type { RequestHandler } from './$types';

const fileSchema = z
  .string()
  .regex(/^[a-z]+\.[a-z]+$/)
  .transform((f) => f.split('.'))
  .pipe(z.tuple([z.enum(OPEN_DATASETS), z.enum(OPEN_DATA_FORMATS)]));

/** Public: one open data file (plan.csv, values.json...), its licence in the file and in a Link header. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const parsed = fileSchema.safeParse(params.file);
  if (!parsed.success) notFound();
  const [dataset, format] = parsed.data;
  const file = await buildOpenDataFile(getDatabase().db, params.slug, dataset, format, locals.locale);
  if (!file) notFound();
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.bytes.byteLength),
      link: `<${file.licence.url}>; rel="license"`,
    },
  });
};
