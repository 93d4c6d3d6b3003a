import { describe, expect, test } from 'vitest';
import { HOSTILE_HTML, sampleReport } from './fixtures/sample-report';
import { labelSvg, renderHtmlBody, renderHtmlDocument } from './render-html';

describe('HTML report', () => {
  test('the standalone page matches the golden file', async () => {
    await expect(renderHtmlDocument(sampleReport())).toMatchFileSnapshot('./fixtures/sample-report.html');
  });

  test('the page has its language, one h1 and headings that never skip a level', () => {
    const html = renderHtmlDocument(sampleReport());
    expect(html).toMatch(/<html lang="fr">/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level).toBeLessThanOrEqual(levels[i - 1] + 1);
    });
    expect(levels).toEqual([1, 2, 2, 2, 3, 3]);
  });

  test('the table of contents links to every section', () => {
    const html = renderHtmlBody(sampleReport());
    for (const id of ['presentation', 'odd-17', 'odd-17-indicateurs']) {
      expect(html).toContain(`href="#report-${id}"`);
      expect(html).toContain(`<section id="report-${id}"`);
    }
  });

  test('tables have a caption and scoped headers; numbers are right-aligned', () => {
    const html = renderHtmlBody(sampleReport());
    expect(html).toContain('<caption>Actions par statut</caption>');
    expect(html).toContain('<th scope="col" class="num">Avancement</th>');
    expect(html).toContain('<th scope="row">Mobilité douce</th>');
    expect(html).toContain('<td class="num">60 %</td>');
  });

  test('a figure carries its SVG named by the alt text, a caption and its data in a details element', () => {
    const html = renderHtmlBody(sampleReport());
    const figure = html.slice(html.indexOf('<figure'), html.indexOf('</figure>'));
    expect(figure).toContain('<figcaption>Avancement par chantier</figcaption>');
    expect(figure).toMatch(/<svg [^>]*role="img" aria-label="Gestion environnementale 78 %/);
    expect(figure).not.toContain('aria-labelledby');
    expect(figure).toContain('<details>');
    expect(figure).toContain('<th scope="row">Recherche et innovation</th>');
    expect(renderHtmlBody(sampleReport(), { openDetails: true })).toContain('<details open>');
  });

  test('hostile text stays text and unsafe links lose their address', () => {
    const html = renderHtmlDocument(sampleReport());
    expect(html).not.toContain(HOSTILE_HTML);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|javascript:/i);
    expect(html).toContain('<a href="https://example.org/odd?x=1&amp;y=2">lien</a>');
  });

  test('the embeddable body has no style element, no style attribute and no script', () => {
    const body = renderHtmlBody(sampleReport());
    expect(body).not.toMatch(/<style|\sstyle=|<script|\son[a-z]+=/i);
    expect(renderHtmlDocument(sampleReport())).toContain('<style>');
  });

  test('the words the renderer adds follow the document language', () => {
    const html = renderHtmlDocument({ ...sampleReport(), lang: 'en' });
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<h2 id="report-toc-title">Contents</h2>');
    expect(html).toContain('<summary>Chart data</summary>');
    expect(html).toContain('<dt>Produced on</dt><dd>26 November 2026</dd>');
  });

  test('labelling an SVG replaces its own accessible name', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="a b"><title id="a">T</title></svg>';
    expect(labelSvg(svg, 'Des "barres"')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Des &quot;barres&quot;"><title id="a">T</title></svg>',
    );
  });
});
