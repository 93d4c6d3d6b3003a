/**
 * The report's stylesheet: inlined by renderHtmlDocument (downloads, PDF), and
 * served as a file next to app.css for pages that embed renderHtmlBody (the CSP
 * forbids inline styles there). Colours meet WCAG AA on white; print rules put
 * each chapter on a new page and keep captions, headings and rows together.
 */
export const REPORT_CSS = `.report { font-family: "DejaVu Sans", "Liberation Sans", Arial, system-ui, sans-serif; color: #1b1b1b; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem; }
.report h1, .report h2, .report h3, .report h4, .report h5 { line-height: 1.25; color: #19486a; }
.report h1 { font-size: 2rem; margin: 0 0 .5rem; }
.report a { color: #19486a; }
.report a:focus-visible, .report summary:focus-visible { outline: 3px solid #6a1b9a; outline-offset: 2px; }
.report-subtitle { font-size: 1.25rem; margin: 0 0 1rem; }
.report-meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
.report-meta div { display: contents; }
.report-meta dt { font-weight: bold; }
.report-meta dd { margin: 0; }
.report-toc ol { padding-left: 1.5rem; }
.report-section { margin-top: 2rem; }
.report table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
.report caption { text-align: left; font-weight: bold; padding: .25rem 0; caption-side: top; }
.report th, .report td { border: 1px solid #8a8a8a; padding: .25rem .5rem; vertical-align: top; text-align: left; }
.report thead th { background: #e8eef3; }
.report .num { text-align: right; font-variant-numeric: tabular-nums; }
.report .scroll { overflow-x: auto; }
.report-note, .report-key-note { font-size: .9rem; color: #555555; }
.report-figure { margin: 1.5rem 0; }
.report-figure figcaption { font-weight: bold; margin-bottom: .5rem; }
.report-chart svg { max-width: 40rem; height: auto; }
.report-key-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
.report-key-figures div { display: block; border: 1px solid #8a8a8a; padding: .75rem; }
.report-key-figures dd { margin: 0; }
.report-key-value { font-size: 1.5rem; font-weight: bold; color: #19486a; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  .report { max-width: none; padding: 0; font-size: 10.5pt; }
  .report-cover { break-after: page; }
  .report-toc { break-after: page; }
  .report-level-1 { break-before: page; }
  .report-page-break { break-after: page; }
  .report h2, .report h3, .report h4, .report h5, .report caption, .report figcaption { break-after: avoid; }
  .report tr, .report-figure svg, .report-key-figures div { break-inside: avoid; }
  .report thead { display: table-header-group; }
  .report .scroll { overflow: visible; }
  .report-narrative a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  .report details summary { display: none; }
}
`;
