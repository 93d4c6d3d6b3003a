import { describe, expect, test } from 'vitest';
import { radarChartSvg } from './radar-chart';

const AXES = [
  'Stratégie et gouvernance',
  'Enseignement et formation',
  'Recherche et innovation',
  'Gestion environnementale',
  'Politique sociale et ancrage territorial',
];
const radar = (series: { label: string; values: (number | null)[] }[], extra: Record<string, unknown> = {}) =>
  radarChartSvg({
    axes: AXES,
    series,
    max: 5,
    rings: [1, 2, 3, 4, 5],
    locale: 'fr',
    title: 'Niveaux par axe',
    desc: 'Trois années superposées',
    ...extra,
  });

/** Every tag closed in order, attributes quoted, no bare `<`, `>` or `&` in text. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    last = tag.lastIndex;
    if (m[4]) continue;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]);
  }
  expect(svg.slice(last)).toBe('');
  expect(stack).toEqual([]);
}

describe('radar chart', () => {
  test('is a named, described image without inline styles, with one-decimal coordinates', () => {
    const svg = radar([{ label: '2025', values: [3, 2, 2.5, 4, 1] }]);
    assertWellFormed(svg);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/<title id="[^"]+">Niveaux par axe<\/title><desc id="[^"]+">Trois années superposées<\/desc>/);
    expect(svg).not.toMatch(/\sstyle=/i);
    for (const m of svg.matchAll(/\s(?:x|y|cx|cy|d|points)="([^"]*)"/g)) {
      for (const n of m[1].match(/-?\d+(\.\d+)?/g) ?? []) expect(n).toMatch(/^-?\d+(\.\d)?$/);
    }
  });

  test('draws five rings, five spokes and every axis label', () => {
    const svg = radar([{ label: '2025', values: [1, 1, 1, 1, 1] }]);
    // Five rings plus one closed series outline.
    expect(svg.match(/<polygon /g)).toHaveLength(6);
    for (const word of ['Stratégie', 'Enseignement', 'Recherche', 'Gestion', 'Politique']) expect(svg).toContain(word);
  });

  test('overlays at most three years, told apart by line and marker shape, the newest solid', () => {
    const svg = radar([
      { label: '2022', values: [1, 1, 1, 1, 1] },
      { label: '2023', values: [2, 2, 2, 2, 2] },
      { label: '2024', values: [3, 3, 3, 3, 3] },
      { label: '2025', values: [4, 4, 4, 4, 4] },
    ]);
    assertWellFormed(svg);
    expect(svg).not.toContain('>2022<');
    expect(svg).toContain('stroke-dasharray="2 4"');
    expect(svg).toContain('stroke-dasharray="8 4"');
    // 5 square markers + 1 in the legend, same for triangles (paths ending in Z) and circles.
    expect(svg.match(/<rect [^>]*width="8"/g)).toHaveLength(6);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg.match(/<path d="M[^"]*Z"/g)).toHaveLength(6);
    const single = radar([{ label: '2025', values: [4, 4, 4, 4, 4] }]);
    expect(single).not.toContain('stroke-dasharray');
  });

  test('an axis without a value leaves a gap, not a point at zero', () => {
    const svg = radar([{ label: '2025', values: [3, null, 3, 3, 3] }]);
    assertWellFormed(svg);
    // Rings only: the series is drawn as separate segments, and it has four markers.
    expect(svg.match(/<polygon /g)).toHaveLength(5);
    expect(svg.match(/<circle /g)).toHaveLength(4 + 1);
    const segments = /<path d="((?:M[\d. ]+L[\d. ]+)+)" fill="none"/.exec(svg)?.[1] ?? '';
    // 3-4, 4-5 and 5-1 join; 1-2 and 2-3 do not.
    expect(segments.match(/M/g)).toHaveLength(3);
  });

  test('escapes hostile labels', () => {
    const svg = radar([{ label: '<script>alert(1)</script>', values: [1, 2, 3, 4, 5] }], {
      axes: ['<b>', '&', "'", '"', 'ok'],
    });
    assertWellFormed(svg);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
