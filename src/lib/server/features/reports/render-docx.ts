/**
 * DOCX renderer (docx 9): a title page, then the sections with Word's own
 * Heading 1-3 styles (so Word's and LibreOffice's navigation pane and tables of
 * contents work), runs and hyperlinks, real bullet and numbered lists, tables
 * whose header row repeats on each page, charts as PNG images with alt text and
 * a caption, then their data. Document properties carry the title, the
 * institution and the language.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  type Block,
  cellText,
  collectTables,
  type FigureBlock,
  type Inline,
  type NarrativeBlock,
  type ReportDocument,
  type Section,
  type TableBlock,
} from './document';
import { LOCALE_TAGS, metaLines, RENDER_LABELS } from './document-labels';
import { type ChartPng, chartsToPng } from './render-chart-png';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
] as const;
const NUMBERED = 'report-numbered';
/** Text width of an A4 page with Word's default margins, in pixels at 96 dpi (15.9 cm). */
const IMAGE_WIDTH_PX = 600;
const CAPTION_STYLE = 'Caption';
const NOTE_STYLE = 'ReportNote';

type Body = (Paragraph | Table)[];

export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const svgs = collectTables(doc).flatMap((t) => (t.figure ? [t.figure.svg] : []));
  const state: State = { doc, numberedLists: 0, pngs: await chartsToPng(svgs) };
  const children: Body = [...titlePage(doc), ...doc.sections.flatMap((s) => renderSection(s, state))];
  const labels = RENDER_LABELS[doc.lang];
  const document = new Document({
    title: doc.title,
    subject: doc.subtitle ?? '',
    creator: doc.meta.institution,
    lastModifiedBy: 'Trajectoire',
    description: `${doc.meta.institution}, ${doc.meta.year}, ${labels.version} ${doc.meta.version}`,
    styles: {
      default: { document: { run: { font: 'DejaVu Sans', size: 21, language: { value: LOCALE_TAGS[doc.lang] } } } },
      paragraphStyles: [
        {
          id: CAPTION_STYLE,
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 20, color: '19486A' },
          paragraph: { spacing: { before: 120, after: 80 }, keepNext: true },
        },
        { id: NOTE_STYLE, name: 'Report note', basedOn: 'Normal', run: { size: 18, color: '555555' } },
      ],
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${labels.page} `, PageNumber.CURRENT, ` ${labels.of} `, PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

interface State {
  doc: ReportDocument;
  /** Each numbered list is its own instance, so that it starts again at 1. */
  numberedLists: number;
  /** One PNG per distinct chart, however often it appears, rendered before the document is built. */
  pngs: Map<string, ChartPng>;
}

function titlePage(doc: ReportDocument): Body {
  const out: Body = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] })];
  if (doc.subtitle) out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(doc.subtitle)] }));
  for (const line of metaLines(doc))
    out.push(
      new Paragraph({
        children: [
          new TextRun({ text: `${line.label}${RENDER_LABELS[doc.lang].colon}`, bold: true }),
          new TextRun(line.value),
        ],
      }),
    );
  out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

function heading(text: string, level: number): Paragraph {
  return new Paragraph({ heading: HEADINGS[Math.min(level, HEADINGS.length) - 1], children: [new TextRun(text)] });
}

function renderSection(section: Section, state: State): Body {
  return [
    heading(section.title, section.level),
    ...section.blocks.flatMap((b) => renderBlock(b, section, state)),
    ...(section.sections ?? []).flatMap((s) => renderSection(s, state)),
  ];
}

function renderBlock(block: Block, section: Section, state: State): Body {
  const colon = RENDER_LABELS[state.doc.lang].colon;
  switch (block.kind) {
    case 'paragraph':
    case 'list':
      return renderNarrative(block, section, state);
    case 'narrative':
      return block.blocks.flatMap((b) => renderNarrative(b, section, state));
    case 'table':
      return renderTable(block);
    case 'figure':
      return renderFigure(block, state);
    case 'keyFigures':
      return block.items.map(
        (k) =>
          new Paragraph({
            children: [
              new TextRun({ text: `${k.label}${colon}`, bold: true }),
              new TextRun(k.value),
              ...(k.note ? [new TextRun({ text: ` (${k.note})`, color: '555555' })] : []),
            ],
          }),
      );
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function renderNarrative(block: NarrativeBlock, section: Section, state: State): Body {
  switch (block.kind) {
    case 'paragraph':
      return [new Paragraph({ children: runs(block.runs) })];
    case 'subheading':
      return [heading(block.text, section.level + 1)];
    case 'list': {
      const instance = block.ordered ? ++state.numberedLists : 0;
      return block.items.map((item) =>
        block.ordered
          ? new Paragraph({ children: runs(item), numbering: { reference: NUMBERED, level: 0, instance } })
          : new Paragraph({ children: runs(item), bullet: { level: 0 } }),
      );
    }
  }
}

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map(inlineRun);
}

function inlineRun(run: Inline): ParagraphChild {
  switch (run.kind) {
    case 'text':
      return new TextRun(run.text);
    case 'strong':
      return new TextRun({ text: run.text, bold: true });
    case 'emphasis':
      return new TextRun({ text: run.text, italics: true });
    case 'link':
      return new ExternalHyperlink({ link: run.href, children: [new TextRun({ text: run.text, style: 'Hyperlink' })] });
  }
}

function renderTable(table: TableBlock): Body {
  const align = (i: number) => (table.columns[i]?.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (c, i) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF3' },
          children: [new Paragraph({ alignment: align(i), children: [new TextRun({ text: c.label, bold: true })] })],
        }),
    ),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map(
          (cell, i) =>
            new TableCell({
              children: [new Paragraph({ alignment: align(i), children: [new TextRun(cellText(cell))] })],
            }),
        ),
      }),
  );
  const out: Body = [
    new Paragraph({ style: CAPTION_STYLE, children: [new TextRun(table.caption)] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
  ];
  if (table.note) out.push(new Paragraph({ style: NOTE_STYLE, children: [new TextRun(table.note)] }));
  else out.push(new Paragraph({ children: [] }));
  return out;
}

function renderFigure(figure: FigureBlock, state: State): Body {
  const png = state.pngs.get(figure.svg);
  if (!png) throw new Error(`Chart of "${figure.caption}" was not rendered`);
  const height = Math.round((IMAGE_WIDTH_PX * png.height) / png.width);
  const image = new ImageRun({
    type: 'png',
    data: png.png,
    transformation: { width: IMAGE_WIDTH_PX, height },
    altText: { name: figure.caption, title: figure.caption, description: figure.alt },
  });
  return [
    new Paragraph({ keepNext: true, children: [image] }),
    new Paragraph({ style: CAPTION_STYLE, children: [new TextRun(figure.caption)] }),
    ...renderTable(figure.data),
  ];
}
