/** The report document model (sections, narrative, tables, figures): report builders create it, never a format. */
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
