/**
 * One entry point for routes and the CLI (`build-report --format html|pdf|docx|xlsx`):
 * a document and a format in, the file's bytes, content type and extension out.
 */
import type { ReportDocument } from './document';
import { renderDocx } from './render-docx';
import { renderHtmlDocument } from './render-html';
import { type PdfEngine, type PdfOptions, renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';

export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface RenderedReport {
  bytes: Uint8Array;
  contentType: string;
  extension: ReportFormat;
  /** Which engine drew a PDF: 'pdfmake' means Chromium was missing and the PDF is not tagged. */
  pdfEngine?: PdfEngine;
}

export async function renderReport(
  doc: ReportDocument,
  format: ReportFormat,
  options: PdfOptions = {},
): Promise<RenderedReport> {
  const file = (bytes: Uint8Array): RenderedReport => ({
    bytes,
    contentType: REPORT_CONTENT_TYPES[format],
    extension: format,
  });
  switch (format) {
    case 'html':
      return file(new TextEncoder().encode(renderHtmlDocument(doc)));
    case 'docx':
      return file(await renderDocx(doc));
    case 'xlsx':
      return file(renderXlsx(doc));
    case 'pdf': {
      const pdf = await renderPdf(doc, options);
      return { ...file(pdf.bytes), pdfEngine: pdf.engine };
    }
  }
}
