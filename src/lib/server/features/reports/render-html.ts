/**
 * HTML renderer: one accessible, printable page per document. `renderHtmlBody`
 * gives markup with no style, script or inline style attribute, to embed in a
 * SvelteKit page under the strict CSP (the page links REPORT_CSS as a file);
 * `renderHtmlDocument` gives a standalone page with that stylesheet inline, for
 * downloads and for Chromium's PDF. Every text goes through `escapeHtml`; the
 * only markup taken as is are the chart SVGs from src/lib/server/charts.
 */
import {
  type Block,
  cellText,
  type FigureBlock,
  type Inline,
  type KeyFiguresBlock,
  type NarrativeBlock,
  type ReportDocument,
  type Section,
  type TableBlock,
} from './document';
import { metaLines, RENDER_LABELS } from './document-labels';
import { REPORT_CSS } from './render-html-style';

export { REPORT_CSS };

export interface HtmlOptions {
  /** Render the figures' data tables open (print and PDF, where nobody can click). */
  openDetails?: boolean;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Section anchors are prefixed so that they never collide with the ids of the page around them. */
export const sectionAnchor = (section: Section): string => `report-${section.id}`;

export function renderHtmlDocument(doc: ReportDocument, options: HtmlOptions = {}): string {
  return (
    `<!doctype html>\n<html lang="${doc.lang}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(doc.title)}</title>\n` +
    `<meta name="generator" content="Trajectoire">\n` +
    `<style>\n${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n${renderHtmlBody(doc, options)}</main>\n</body>\n</html>\n`
  );
}

export function renderHtmlBody(doc: ReportDocument, options: HtmlOptions = {}): string {
  const counter = { table: 0, figure: 0 };
  const context: Context = { doc, options, counter };
  return (
    `<article class="report" lang="${doc.lang}">\n${cover(doc)}${toc(doc)}` +
    `${doc.sections.map((s) => renderSection(s, context)).join('')}</article>\n`
  );
}

interface Context {
  doc: ReportDocument;
  options: HtmlOptions;
  counter: { table: number; figure: number };
}

function cover(doc: ReportDocument): string {
  const subtitle = doc.subtitle ? `<p class="report-subtitle">${escapeHtml(doc.subtitle)}</p>\n` : '';
  const facts = metaLines(doc)
    .map((m) => `<div><dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.value)}</dd></div>`)
    .join('');
  return `<header class="report-cover">\n<h1>${escapeHtml(doc.title)}</h1>\n${subtitle}<dl class="report-meta">${facts}</dl>\n</header>\n`;
}

function toc(doc: ReportDocument): string {
  if (!doc.sections.length) return '';
  const items = (sections: Section[]): string =>
    `<ol>${sections
      .map(
        (s) =>
          `<li><a href="#${sectionAnchor(s)}">${escapeHtml(s.title)}</a>${s.sections?.length ? items(s.sections) : ''}</li>`,
      )
      .join('')}</ol>`;
  const title = RENDER_LABELS[doc.lang].contents;
  return `<nav class="report-toc" aria-labelledby="report-toc-title">\n<h2 id="report-toc-title">${escapeHtml(title)}</h2>\n${items(doc.sections)}\n</nav>\n`;
}

/** Level 1 sections are h2 (the title is the only h1); a narrative's headings sit one level below their section. */
const headingTag = (level: number): string => `h${Math.min(6, level + 1)}`;

function renderSection(section: Section, context: Context): string {
  const anchor = sectionAnchor(section);
  const tag = headingTag(section.level);
  const body = section.blocks.map((b) => renderBlock(b, section, context)).join('');
  const children = (section.sections ?? []).map((s) => renderSection(s, context)).join('');
  return (
    `<section id="${anchor}" class="report-section report-level-${section.level}" aria-labelledby="${anchor}-title">\n` +
    `<${tag} id="${anchor}-title">${escapeHtml(section.title)}</${tag}>\n${body}${children}</section>\n`
  );
}

function renderBlock(block: Block, section: Section, context: Context): string {
  switch (block.kind) {
    case 'paragraph':
    case 'list':
      return renderNarrativeBlock(block, section);
    case 'narrative':
      return `<div class="report-narrative">\n${block.blocks.map((b) => renderNarrativeBlock(b, section)).join('')}</div>\n`;
    case 'table':
      context.counter.table++;
      return renderTable(block, `report-table-${context.counter.table}`);
    case 'figure':
      context.counter.figure++;
      return renderFigure(block, `report-figure-${context.counter.figure}`, context);
    case 'keyFigures':
      return renderKeyFigures(block);
    case 'pageBreak':
      return '<div class="report-page-break"></div>\n';
  }
}

function renderNarrativeBlock(block: NarrativeBlock, section: Section): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderRuns(block.runs)}</p>\n`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${renderRuns(item)}</li>`).join('')}</${tag}>\n`;
    }
    case 'subheading': {
      const tag = headingTag(section.level + 1);
      return `<${tag}>${escapeHtml(block.text)}</${tag}>\n`;
    }
  }
}

export function renderRuns(runs: Inline[]): string {
  return runs.map(renderRun).join('');
}

function renderRun(run: Inline): string {
  const content = escapeHtml(run.text);
  switch (run.kind) {
    case 'text':
      return content;
    case 'strong':
      return `<strong>${content}</strong>`;
    case 'emphasis':
      return `<em>${content}</em>`;
    case 'link':
      return `<a href="${escapeHtml(run.href)}">${content}</a>`;
  }
}

function renderTable(table: TableBlock, id: string): string {
  // The first column names its row when it holds text: screen readers then announce it with each cell.
  const rowHeaders = table.columns.length > 1 && !table.columns[0].numeric;
  const numClass = (i: number) => (table.columns[i]?.numeric ? ' class="num"' : '');
  const head = table.columns.map((c, i) => `<th scope="col"${numClass(i)}>${escapeHtml(c.label)}</th>`).join('');
  const rows = table.rows
    .map((row) => {
      const cells = row
        .map((cell, i) => {
          const content = escapeHtml(cellText(cell));
          const cls = numClass(i) || (cell !== null && typeof cell !== 'string' ? ' class="num"' : '');
          return i === 0 && rowHeaders ? `<th scope="row">${content}</th>` : `<td${cls}>${content}</td>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  const note = table.note ? `<p class="report-note">${escapeHtml(table.note)}</p>\n` : '';
  return (
    `<div class="report-table scroll">\n<table id="${id}">\n<caption>${escapeHtml(table.caption)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n</div>\n${note}`
  );
}

/**
 * The chart's root gets role="img" and the figure's alt text as its name (replacing the chart's own
 * aria-labelledby, which only repeats its title); its <title> and <desc> stay as tooltips.
 */
export function labelSvg(svg: string, alt: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(role|aria-labelledby|aria-label|aria-hidden)="[^"]*"/g, '');
    return `<svg${kept} role="img" aria-label="${escapeHtml(alt)}">`;
  });
}

function renderFigure(figure: FigureBlock, id: string, context: Context): string {
  const label = RENDER_LABELS[context.doc.lang].chartData;
  const open = context.options.openDetails ? ' open' : '';
  return (
    `<figure id="${id}" class="report-figure report-chart-${figure.chart}">\n` +
    `<figcaption>${escapeHtml(figure.caption)}</figcaption>\n` +
    `<div class="report-chart">${labelSvg(figure.svg, figure.alt)}</div>\n` +
    `<details${open}>\n<summary>${escapeHtml(label)}</summary>\n${renderTable(figure.data, `${id}-data`)}</details>\n</figure>\n`
  );
}

function renderKeyFigures(block: KeyFiguresBlock): string {
  const items = block.items
    .map((k) => {
      const note = k.note ? `<dd class="report-key-note">${escapeHtml(k.note)}</dd>` : '';
      return `<div><dt>${escapeHtml(k.label)}</dt><dd class="report-key-value">${escapeHtml(k.value)}</dd>${note}</div>`;
    })
    .join('');
  return `<dl class="report-key-figures">${items}</dl>\n`;
}
