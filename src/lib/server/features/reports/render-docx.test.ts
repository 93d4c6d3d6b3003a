import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { HOSTILE_FORMULA, HOSTILE_HTML, sampleReport } from './fixtures/sample-report';
import { renderDocx } from './render-docx';

async function unzipDocx() {
  const files = unzipSync(await renderDocx(sampleReport()));
  const text = (name: string) => strFromU8(files[name]);
  return { files, text, body: text('word/document.xml') };
}

/** The text of every paragraph, in order (runs joined). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

describe('DOCX report', () => {
  test('headings use Word heading styles, in order, after a title page', async () => {
    const { body } = await unzipDocx();
    const styled = [...body.matchAll(/<w:pStyle w:val="(Title|Heading\d)"\/>[\s\S]*?<w:t(?: [^>]*)?>([^<]*)</g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(styled).toEqual([
      'Title: Rapport développement durable 2026',
      'Heading1: Présentation',
      'Heading1: ODD 17 : partenariats',
      'Heading2: Ce que nous avons fait',
      'Heading2: Indicateurs',
    ]);
  });

  test('paragraphs keep their runs, bold, italics and links', async () => {
    const { body, text } = await unzipDocx();
    const all = paragraphs(body);
    expect(all).toContain(
      'L’école publie son rapport élaboré à partir des données vivantes du plan d’action, année après année. Voir le site de l’école.',
    );
    expect(all).toContain('Année : 2026');
    expect(all).toContain('Émissions des déplacements : 1 250 t CO₂e (Méthode GES 1point5)');
    expect(body).toMatch(/<w:b\/>[\s\S]{0,200}élaboré à partir des données vivantes/);
    const linkId = /<w:hyperlink [^>]*r:id="([\w-]+)"/.exec(body)?.[1];
    expect(text('word/_rels/document.xml.rels')).toContain(`Id="${linkId}" Type="`);
    expect(text('word/_rels/document.xml.rels')).toContain('Target="https://www.imt-mines-ales.fr"');
    expect(text('word/_rels/document.xml.rels')).not.toContain('javascript:');
  });

  test('lists are real bullet and numbered lists', async () => {
    const { body, text } = await unzipDocx();
    expect(body.match(/<w:numPr>/g)?.length).toBe(6);
    expect(text('word/numbering.xml')).toContain('w:val="decimal"');
    expect(text('word/numbering.xml')).toContain('w:val="bullet"');
  });

  test('tables repeat their header row and hold the cells as text, hostile ones included', async () => {
    const { body } = await unzipDocx();
    expect(body).toContain('<w:tblHeader/>');
    const cells = paragraphs(body);
    for (const cell of ['Action', 'Avancement', 'Mobilité douce', '60 %', HOSTILE_FORMULA.replace(/"/g, '&quot;')])
      expect(cells).toContain(cell);
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toContain(HOSTILE_HTML);
  });

  test('a chart is a PNG image with its alt text and a caption', async () => {
    const { files, body, text } = await unzipDocx();
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect([...files[media[0]].slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const embed = /<a:blip r:embed="(rId\w+)"/.exec(body)?.[1];
    expect(embed).toBeDefined();
    expect(text('word/_rels/document.xml.rels')).toMatch(new RegExp(`Id="${embed}"[^>]*Target="media/`));
    expect(body).toMatch(/<wp:docPr [^>]*descr="Gestion environnementale 78 %, stratégie 62 %/);
    expect(paragraphs(body)).toContain('Avancement par chantier');
  });

  test('the document properties carry the title and the language', async () => {
    const { text } = await unzipDocx();
    expect(text('docProps/core.xml')).toContain('<dc:title>Rapport développement durable 2026</dc:title>');
    expect(text('docProps/core.xml')).toContain('<dc:creator>IMT Mines Alès</dc:creator>');
    expect(text('word/styles.xml')).toContain('<w:lang w:val="fr-FR"/>');
  });
});
