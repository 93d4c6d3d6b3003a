/**
 * The report document model: what a report says, never how a format lays it out.
 * Report builders (annual report, label self-assessment, THE evidence) create a
 * `ReportDocument` with these builders; one renderer per format (render-*.ts)
 * turns it into HTML, PDF, DOCX or XLSX. Pure types and functions, no I/O.
 *
 * Every string is plain text: renderers escape it for their format, so a
 * `<script>` typed into a narrative stays text everywhere.
 */
import { isSafeHref, parseMarkdown } from './document-markdown';

export { isSafeHref };

export type ReportLang = 'fr' | 'en';

/** A piece of inline text. Links are http, https or mailto only (see `isSafeHref`). */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'emphasis'; text: string }
  | { kind: 'link'; text: string; href: string };

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: Inline[][];
}

/** A heading inside a narrative, one level below its section's heading. */
export interface SubheadingBlock {
  kind: 'subheading';
  text: string;
}

/** What a narrative's Markdown becomes. */
export type NarrativeBlock = ParagraphBlock | ListBlock | SubheadingBlock;

export interface NarrativeGroup {
  kind: 'narrative';
  blocks: NarrativeBlock[];
}

export interface TableColumn {
  label: string;
  /** Right-aligned, and written as numbers to spreadsheets. */
  numeric?: boolean;
}

/** A number keeps its value (spreadsheets) and the text readers see ("42 %", "1 250 t"). */
export interface NumberCell {
  value: number;
  display: string;
}

export type TableCell = string | NumberCell | null;

export interface TableBlock {
  kind: 'table';
  caption: string;
  columns: TableColumn[];
  rows: TableCell[][];
  note?: string;
}

export type FigureKind = 'bar' | 'line' | 'radar' | 'status' | 'other';

export interface FigureBlock {
  kind: 'figure';
  chart: FigureKind;
  caption: string;
  /** A sentence saying what the chart shows, for screen readers and image alt text. */
  alt: string;
  /** An SVG string from src/lib/server/charts (trusted: its text is already XML-escaped). */
  svg: string;
  /** The same data as a table, shown with the chart and exported to spreadsheets. */
  data: TableBlock;
}

export interface KeyFigure {
  label: string;
  value: string;
  note?: string;
}

export interface KeyFiguresBlock {
  kind: 'keyFigures';
  items: KeyFigure[];
}

/** A hint that the next block should start a new page (print, PDF, DOCX); ignored on screen. */
export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block =
  | ParagraphBlock
  | ListBlock
  | NarrativeGroup
  | TableBlock
  | FigureBlock
  | KeyFiguresBlock
  | PageBreakBlock;

export type SectionLevel = 1 | 2 | 3;

export interface Section {
  /** Stable anchor, `[a-z][a-z0-9-]*`, unique in the document. */
  id: string;
  title: string;
  level: SectionLevel;
  blocks: Block[];
  sections?: Section[];
}

export interface ReportMeta {
  institution: string;
  year: number;
  /** "1", "2", "draft"... */
  version: string;
  /** ISO UTC timestamp; fixed by tests so that renders are reproducible. */
  generatedAt: string;
  licence?: string;
}

export interface ReportDocument {
  lang: ReportLang;
  title: string;
  subtitle?: string;
  meta: ReportMeta;
  sections: Section[];
}

// ---- builders ---------------------------------------------------------------

export const text = (value: string): Inline => ({ kind: 'text', text: value });
export const strong = (value: string): Inline => ({ kind: 'strong', text: value });
export const emphasis = (value: string): Inline => ({ kind: 'emphasis', text: value });

/** A link, or its text alone when the address is not http, https or mailto. */
export function link(label: string, href: string): Inline {
  return isSafeHref(href) ? { kind: 'link', text: label, href: href.trim() } : { kind: 'text', text: label };
}

function toRuns(content: string | Inline | Inline[]): Inline[] {
  if (typeof content === 'string') return [text(content)];
  return Array.isArray(content) ? content : [content];
}

export function paragraph(...content: (string | Inline)[]): ParagraphBlock {
  return { kind: 'paragraph', runs: content.flatMap((c) => toRuns(c)) };
}

export function list(items: (string | Inline | Inline[])[], options: { ordered?: boolean } = {}): ListBlock {
  return { kind: 'list', ordered: options.ordered ?? false, items: items.map(toRuns) };
}

/** Markdown typed by a user (see document-markdown.ts for the subset); HTML in it stays text. */
export function narrative(markdown: string): NarrativeGroup {
  return { kind: 'narrative', blocks: parseMarkdown(markdown) };
}

export function numberCell(value: number, display: string): NumberCell {
  return { value, display };
}

export function table(input: Omit<TableBlock, 'kind'>): TableBlock {
  const width = input.columns.length;
  for (const row of input.rows)
    if (row.length !== width) throw new Error(`Table "${input.caption}": a row has ${row.length} cells, not ${width}`);
  return { kind: 'table', ...input };
}

export function figure(input: Omit<FigureBlock, 'kind' | 'data'> & { data: Omit<TableBlock, 'kind'> }): FigureBlock {
  return { kind: 'figure', ...input, data: table(input.data) };
}

export function keyFigures(items: KeyFigure[]): KeyFiguresBlock {
  return { kind: 'keyFigures', items };
}

export const pageBreak = (): PageBreakBlock => ({ kind: 'pageBreak' });

export interface SectionInput {
  id: string;
  title: string;
  blocks?: Block[];
  sections?: SectionInput[];
}

/** A section; its level comes from its depth when the document is created. */
export function section(id: string, title: string, blocks: Block[] = [], sections: SectionInput[] = []): SectionInput {
  return { id, title, blocks, sections };
}

const SECTION_ID = /^[a-z][a-z0-9-]*$/;

/**
 * The document, with section levels set from nesting (1 to 3). Throws on a
 * programming error: a deeper section, a malformed or repeated id.
 */
export function createDocument(input: Omit<ReportDocument, 'sections'> & { sections: SectionInput[] }): ReportDocument {
  const ids = new Set<string>();
  const build = (s: SectionInput, level: number): Section => {
    if (level > 3) throw new Error(`Section "${s.id}" is nested deeper than 3 levels`);
    if (!SECTION_ID.test(s.id)) throw new Error(`Section id "${s.id}" must match ${SECTION_ID}`);
    if (ids.has(s.id)) throw new Error(`Section id "${s.id}" is used twice`);
    ids.add(s.id);
    const children = (s.sections ?? []).map((c) => build(c, level + 1));
    return {
      id: s.id,
      title: s.title,
      level: level as SectionLevel,
      blocks: s.blocks ?? [],
      ...(children.length ? { sections: children } : {}),
    };
  };
  return { ...input, sections: input.sections.map((s) => build(s, 1)) };
}

// ---- reading helpers shared by the renderers --------------------------------

export function plainText(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

export function cellText(cell: TableCell): string {
  if (cell === null) return '';
  return typeof cell === 'string' ? cell : cell.display;
}

/** Every section in reading order, depth first. */
export function flattenSections(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.sections ?? [])]);
}

export interface LocatedTable {
  table: TableBlock;
  section: Section;
  /** The figure whose data the table is, if any. */
  figure?: FigureBlock;
}

/** Every table of the document, figures' data tables included, in reading order. */
export function collectTables(doc: ReportDocument): LocatedTable[] {
  return flattenSections(doc.sections).flatMap((s) =>
    s.blocks.flatMap((b): LocatedTable[] => {
      if (b.kind === 'table') return [{ table: b, section: s }];
      if (b.kind === 'figure') return [{ table: b.data, section: s, figure: b }];
      return [];
    }),
  );
}
