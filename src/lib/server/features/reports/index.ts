/** The report document model (sections, narrative, tables, figures): report builders create it, never a format. */

/** The annual report by SDG: built from live data, narratives kept year to year, reviewed, published as frozen versions. */
export { type BuildAnnualOptions, buildAnnualReport } from './annual-builder';
export { type DiffLine, diffCounts, lineDiff } from './annual-diff';
export {
  canEditReport,
  canReadDraft,
  canReview,
  FRONT_BLOCK_KEYS,
  isBlockKey,
  isReportYear,
  MAX_COMMENT_LENGTH,
  MAX_NARRATIVE_LENGTH,
  REPORT_KIND_ANNUAL,
  REPORT_STATUSES,
  type ReportStatus,
  sdgBlockKey,
} from './annual-report';
export {
  type AnnualReportPage,
  type CommentView,
  getAnnualReportPage,
  getDraftDocument,
  getPublishedDocument,
  getReportsIndex,
  type NarrativeView,
  type ReportsIndex,
  type ReportYearSummary,
  type VersionSummary,
} from './annual-views';
export {
  type Block,
  cellText,
  collectTables,
  createDocument,
  emphasis,
  type FigureBlock,
  type FigureKind,
  figure,
  type Inline,
  isSafeHref,
  type KeyFigure,
  type KeyFiguresBlock,
  keyFigures,
  type ListBlock,
  link,
  list,
  type NarrativeBlock,
  type NumberCell,
  narrative,
  numberCell,
  type ParagraphBlock,
  pageBreak,
  paragraph,
  plainText,
  type ReportDocument,
  type ReportLang,
  type ReportMeta,
  type Section,
  type SectionInput,
  section,
  strong,
  type TableBlock,
  type TableCell,
  type TableColumn,
  table,
  text,
} from './document';
/** Safe Markdown subset of narrative blocks, read into the document model (raw HTML stays text). */
export { parseInline, parseMarkdown } from './document-markdown';
/** DOCX with Word heading styles, real lists, repeated table headers and charts as PNG with alt text. */
export { renderDocx } from './render-docx';
/** Standalone printable HTML page (with its stylesheet), or the CSP-safe body and REPORT_CSS to serve as a file. */
export { REPORT_CSS, renderHtmlBody, renderHtmlDocument } from './render-html';
/** Tagged PDF from the HTML by Chromium (one shared browser), or pdfmake when Chromium is absent. */
export {
  closePdfBrowser,
  DEFAULT_CHROMIUM_PATH,
  isChromiumAvailable,
  type PdfEngine,
  type PdfOptions,
  type RenderedPdf,
  renderPdf,
} from './render-pdf';
/** One call for routes and the CLI: document + format -> bytes, content type, extension (and the PDF engine used). */
export {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type RenderedReport,
  type ReportFormat,
  renderReport,
} from './render-report';
/** XLSX: an About sheet, then every table (figures' data included) as a sheet; numbers as numbers, never formulas. */
export { renderXlsx } from './render-xlsx';
export {
  addReportComment,
  copyLastYearNarrative,
  moveReportTo,
  publishAnnualReport,
  type ReportErrorCode,
  type ReportResult,
  resolveReportComment,
  saveReportNarrative,
  selectReportSdgs,
} from './reports.service';
