import { describe, expect, test } from 'vitest';
import {
  collectTables,
  createDocument,
  figure,
  link,
  numberCell,
  paragraph,
  plainText,
  section,
  strong,
  table,
} from './document';

const meta = { institution: 'École', year: 2026, version: '1', generatedAt: '2026-11-26T10:00:00Z' };
const data = { caption: 'Données', columns: [{ label: 'k' }, { label: 'v', numeric: true }], rows: [] };

describe('report document model', () => {
  test('section levels come from nesting', () => {
    const doc = createDocument({
      lang: 'fr',
      title: 'T',
      meta,
      sections: [section('a', 'A', [], [section('b', 'B', [], [section('c', 'C')])]), section('d', 'D')],
    });
    expect(doc.sections.map((s) => s.level)).toEqual([1, 1]);
    expect(doc.sections[0].sections?.[0].level).toBe(2);
    expect(doc.sections[0].sections?.[0].sections?.[0].level).toBe(3);
    expect(doc.sections[1].sections).toBeUndefined();
  });

  test('a fourth level, a repeated id or an id unfit for an anchor is a programming error', () => {
    const deep = section('a', 'A', [], [section('b', 'B', [], [section('c', 'C', [], [section('d', 'D')])])]);
    expect(() => createDocument({ lang: 'fr', title: 'T', meta, sections: [deep] })).toThrow(/deeper than 3/);
    expect(() =>
      createDocument({ lang: 'fr', title: 'T', meta, sections: [section('a', 'A'), section('a', 'B')] }),
    ).toThrow(/used twice/);
    expect(() => createDocument({ lang: 'fr', title: 'T', meta, sections: [section('A b', 'A')] })).toThrow(
      /must match/,
    );
  });

  test('a link to an unsafe address becomes plain text', () => {
    expect(link('ici', 'javascript:alert(1)')).toEqual({ kind: 'text', text: 'ici' });
    expect(link('ici', ' https://example.org ')).toEqual({ kind: 'link', text: 'ici', href: 'https://example.org' });
    expect(plainText(paragraph('Voir ', strong('ceci'), ' et ', link('là', 'mailto:a@b.fr')).runs)).toBe(
      'Voir ceci et là',
    );
  });

  test('a table row with the wrong number of cells is refused', () => {
    expect(() => table({ caption: 'T', columns: [{ label: 'a' }, { label: 'b' }], rows: [['x']] })).toThrow(
      /1 cells, not 2/,
    );
  });

  test('collectTables lists tables and figure data in reading order with their section', () => {
    const doc = createDocument({
      lang: 'en',
      title: 'T',
      meta,
      sections: [
        section(
          'a',
          'A',
          [table({ caption: 'First', columns: [{ label: 'x' }], rows: [['1']] })],
          [
            section('b', 'B', [
              figure({
                chart: 'bar',
                caption: 'Chart',
                alt: 'alt',
                svg: '<svg/>',
                data: { ...data, rows: [['k', numberCell(1, '1')]] },
              }),
            ]),
          ],
        ),
      ],
    });
    expect(collectTables(doc).map((t) => [t.table.caption, t.section.id, t.figure?.caption ?? null])).toEqual([
      ['First', 'a', null],
      ['Données', 'b', 'Chart'],
    ]);
  });
});
