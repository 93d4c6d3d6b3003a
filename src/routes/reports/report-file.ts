import { z } from 'zod';
import { REPORT_FORMATS, type ReportDocument, type ReportFormat, renderReport } from '$lib/server/features/reports';

export const reportQuerySchema = z.object({ format: z.enum(REPORT_FORMATS).default('html') });
export const reportYearSchema = z.coerce.number().int().min(2000).max(2100);

/**
 * A report document as a download. `x-pdf-engine` says which engine drew a PDF:
 * 'pdfmake' means Chromium is absent and the PDF is not tagged (the page says so too).
 */
export async function reportResponse(doc: ReportDocument, format: ReportFormat, basename: string): Promise<Response> {
  const file = await renderReport(doc, format);
  // The renderers return plain ArrayBuffer-backed arrays.
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${basename}.${file.extension}"`,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...(file.pdfEngine ? { 'x-pdf-engine': file.pdfEngine } : {}),
    },
  });
}
