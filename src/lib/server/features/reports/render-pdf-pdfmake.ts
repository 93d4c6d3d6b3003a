/**
 * The PDF fallback when Chromium is absent: pdfmake (pure JavaScript) draws the
 * same document, with a table of contents, an outline, page numbers, tables
 * whose header repeats and charts as vectors (its `svg` node). Its PDF is not
 * tagged, which is why Chromium comes first. Fonts: DejaVu Sans from Debian's
 * fonts-dejavu-core, else the Roboto files pdfmake ships; never a download.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type Block,
  cellText,
  type Inline,
  type NarrativeBlock,
  type ReportDocument,
  type Section,
  type TableBlock,
} from './document';
import { LOCALE_TAGS, metaLines, RENDER_LABELS } from './document-labels';
import { withIntrinsicSize } from './render-chart-png';

/** The part of pdfmake's server API used here (the package ships no types). */
interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

/** pdfmake's document definition is untyped JSON-like data. */
type Node = any;

const requireCjs = createRequire(import.meta.url);
const DEJAVU = '/usr/share/fonts/truetype/dejavu';

let pdfmake: PdfMake | null = null;

function loadPdfmake(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = requireCjs('pdfmake') as PdfMake;
  const dejavu = {
    normal: join(DEJAVU, 'DejaVuSans.ttf'),
    bold: join(DEJAVU, 'DejaVuSans-Bold.ttf'),
    italics: join(DEJAVU, 'DejaVuSans-Oblique.ttf'),
    bolditalics: join(DEJAVU, 'DejaVuSans-BoldOblique.ttf'),
  };
  const roboto = join(dirname(requireCjs.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const fonts = Object.values(dejavu).every((f) => existsSync(f))
    ? dejavu
    : {
        normal: join(roboto, 'Roboto-Regular.ttf'),
        bold: join(roboto, 'Roboto-Medium.ttf'),
        italics: join(roboto, 'Roboto-Italic.ttf'),
        bolditalics: join(roboto, 'Roboto-MediumItalic.ttf'),
      };
  const allowed = new Set(Object.values(fonts));
  instance.setFonts({ Report: fonts });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmake = instance;
  return instance;
}

const BRAND = '#19486a';
const MUTED = '#555555';
const CHART_WIDTH = 480;

export async function renderPdfWithPdfmake(doc: ReportDocument): Promise<Uint8Array> {
  const labels = RENDER_LABELS[doc.lang];
  const definition = {
    info: {
      title: doc.title,
      author: doc.meta.institution,
      subject: doc.subtitle ?? doc.title,
      creator: 'Trajectoire',
      producer: 'Trajectoire (pdfmake)',
      creationDate: new Date(doc.meta.generatedAt),
    },
    language: LOCALE_TAGS[doc.lang],
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    defaultStyle: { font: 'Report', fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 24, bold: true, color: BRAND, margin: [0, 120, 0, 12] },
      subtitle: { fontSize: 14, margin: [0, 0, 0, 24] },
      h1: { fontSize: 18, bold: true, color: BRAND, margin: [0, 0, 0, 10] },
      h2: { fontSize: 14, bold: true, color: BRAND, margin: [0, 14, 0, 6] },
      h3: { fontSize: 12, bold: true, color: BRAND, margin: [0, 10, 0, 4] },
      h4: { fontSize: 11, bold: true, color: BRAND, margin: [0, 8, 0, 4] },
      caption: { bold: true, color: BRAND, margin: [0, 8, 0, 4] },
      note: { fontSize: 9, color: MUTED, margin: [0, 2, 0, 8] },
      th: { bold: true, fillColor: '#e8eef3' },
      paragraph: { margin: [0, 0, 0, 6] },
    },
    footer: (current: number, count: number) => ({
      text: `${labels.page} ${current} ${labels.of} ${count}`,
      alignment: 'center',
      fontSize: 8,
      color: MUTED,
      margin: [0, 24, 0, 0],
    }),
    content: [
      ...cover(doc),
      { toc: { title: { text: labels.contents, style: 'h1' } }, pageBreak: 'after' },
      ...doc.sections.flatMap((s, i) => renderSection(s, undefined, i > 0)),
    ],
  };
  const buffer = await loadPdfmake().createPdf(definition).getBuffer();
  return new Uint8Array(buffer);
}

function cover(doc: ReportDocument): Node[] {
  const colon = RENDER_LABELS[doc.lang].colon;
  return [
    { text: doc.title, style: 'title' },
    ...(doc.subtitle ? [{ text: doc.subtitle, style: 'subtitle' }] : []),
    ...metaLines(doc).map((m) => ({ text: [{ text: `${m.label}${colon}`, bold: true }, m.value] })),
    { text: '', pageBreak: 'after' },
  ];
}

function heading(text: string, level: number, id?: string, parentId?: string): Node {
  const node: Node = { text, style: `h${Math.min(level, 4)}`, headlineLevel: level };
  if (id) Object.assign(node, { id, tocItem: true, tocMargin: [(level - 1) * 14, 0, 0, 2], outline: true });
  if (id && parentId) node.outlineParentId = parentId;
  return node;
}

function renderSection(section: Section, parentId: string | undefined, breakBefore: boolean): Node[] {
  const id = `section-${section.id}`;
  const title = heading(section.title, section.level, id, parentId);
  if (breakBefore && section.level === 1) title.pageBreak = 'before';
  return [
    title,
    ...section.blocks.flatMap((b) => renderBlock(b, section)),
    ...(section.sections ?? []).flatMap((s) => renderSection(s, id, false)),
  ];
}

function renderBlock(block: Block, section: Section): Node[] {
  switch (block.kind) {
    case 'paragraph':
    case 'list':
      return [renderNarrative(block, section)];
    case 'narrative':
      return block.blocks.map((b) => renderNarrative(b, section));
    case 'table':
      return renderTable(block);
    case 'figure':
      return [
        { text: block.caption, style: 'caption' },
        { svg: withIntrinsicSize(block.svg), width: CHART_WIDTH, margin: [0, 0, 0, 6] },
        ...renderTable(block.data),
      ];
    case 'keyFigures':
      return [
        {
          ul: block.items.map((k) => ({
            text: [
              { text: `${k.label} `, bold: true },
              k.value,
              ...(k.note ? [{ text: ` (${k.note})`, color: MUTED }] : []),
            ],
          })),
          margin: [0, 0, 0, 6],
        },
      ];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
  }
}

function renderNarrative(block: NarrativeBlock, section: Section): Node {
  switch (block.kind) {
    case 'paragraph':
      return { text: runs(block.runs), style: 'paragraph' };
    case 'subheading':
      return heading(block.text, section.level + 1);
    case 'list': {
      const items = block.items.map((item) => ({ text: runs(item) }));
      return block.ordered ? { ol: items, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] };
    }
  }
}

function runs(inlines: Inline[]): Node[] {
  return inlines.map(inlineNode);
}

function inlineNode(run: Inline): Node {
  switch (run.kind) {
    case 'text':
      return { text: run.text };
    case 'strong':
      return { text: run.text, bold: true };
    case 'emphasis':
      return { text: run.text, italics: true };
    case 'link':
      return { text: run.text, link: run.href, color: BRAND, decoration: 'underline' };
  }
}

function renderTable(table: TableBlock): Node[] {
  const align = (i: number) => (table.columns[i]?.numeric ? 'right' : 'left');
  const header = table.columns.map((c, i) => ({ text: c.label, style: 'th', alignment: align(i) }));
  const body = table.rows.map((row) => row.map((cell, i) => ({ text: cellText(cell), alignment: align(i) })));
  return [
    { text: table.caption, style: 'caption' },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: table.columns.map(() => '*'), body: [header, ...body] },
      layout: { hLineColor: () => '#8a8a8a', vLineColor: () => '#8a8a8a' },
      margin: [0, 0, 0, table.note ? 2 : 8],
    },
    ...(table.note ? [{ text: table.note, style: 'note' }] : []),
  ];
}
