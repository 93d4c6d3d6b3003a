import { describe, expect, test } from 'vitest';
import { barChartSvg, type LinePoint, lineChartSvg, statusBarSvg } from '.';
import { escapeXml, niceTicks, wrap } from './svg';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;
const labels = { value: 'Valeur', expected: 'Trajectoire attendue', target: 'Cible' };

const line = (points: LinePoint[], extra: Partial<Parameters<typeof lineChartSvg>[0]> = {}) =>
  lineChartSvg({ points, unit: '%', labels, locale: 'fr', title: 'Formés', desc: 'Résumé', empty: 'Vide', ...extra });
const pt = (label: string, value: number | null, expected: number | null = null, target: number | null = null) => ({
  label,
  value,
  expected,
  target,
});

/** Checks that every tag is closed in order, attributes are quoted and no bare `&` or `<` leaks into text. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(svg.slice(last)).toBe('');
  expect(stack).toEqual([]);
  expect(svg.startsWith('<svg ')).toBe(true);
}

/** Coordinates carry one decimal at most, to keep the markup small. */
function numbersInAttributes(svg: string): string[] {
  return [...svg.matchAll(/\s(?:x|y|x1|x2|y1|y2|cx|cy|width|height|d|points)="([^"]*)"/g)].flatMap(
    (m) => m[1].match(/-?\d+(\.\d+)?/g) ?? [],
  );
}

function assertAccessible(svg: string): void {
  assertWellFormed(svg);
  expect(svg).not.toMatch(/\sstyle=/i);
  expect(svg).toMatch(/role="img"/);
  const ids = /aria-labelledby="([^"]+)"/.exec(svg)?.[1].split(' ') ?? [];
  expect(ids).toHaveLength(2);
  expect(svg).toContain(`<title id="${ids[0]}">`);
  expect(svg).toContain(`<desc id="${ids[1]}">`);
  expect(svg).toMatch(/viewBox="0 0 \d+ \d+(\.\d)?"/);
  for (const n of numbersInAttributes(svg)) expect(n).toMatch(/^-?\d+(\.\d)?$/);
}

describe('svg helpers', () => {
  test('escapeXml neutralises markup, ampersands and both quotes', () => {
    expect(escapeXml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos;');
  });

  test('niceTicks picks 4 to 6 round values that cover the range', () => {
    expect(niceTicks(0, 100).values).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(-20, 10).values).toEqual([-20, -10, 0, 10]);
    expect(niceTicks(0.1, 0.93).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(5, 5).values).toEqual([0, 2, 4, 6]);
    expect(niceTicks(0, 0).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const [lo, hi] of [
      [0, 7],
      [13, 1789],
      [-3.2, 44.1],
      [1200000, 1350000],
    ]) {
      const { values } = niceTicks(lo, hi);
      expect(values.length).toBeGreaterThanOrEqual(4);
      expect(values.length).toBeLessThanOrEqual(6);
      expect(values[0]).toBeLessThanOrEqual(lo);
      expect(values[values.length - 1]).toBeGreaterThanOrEqual(hi);
    }
  });

  test('wrap keeps two lines and ends what does not fit with an ellipsis', () => {
    expect(wrap('Gouvernance et stratégie', 28, 2)).toEqual(['Gouvernance et stratégie']);
    expect(wrap('Formation des étudiants et des personnels aux enjeux de la transition', 28, 2)).toEqual([
      'Formation des étudiants et',
      'des personnels aux enjeux d…',
    ]);
    expect(wrap('Anticonstitutionnellementissimes', 10, 2)).toEqual(['Anticonst…']);
  });
});

describe('line chart', () => {
  test('a small chart draws values, trajectory and target with their direct labels', () => {
    const svg = line([pt('2024', 40, 40, null), pt('2025', 55, 70, 100)], { id: 'c' });
    assertAccessible(svg);
    expect(svg).toMatchInlineSnapshot(
      `"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300" width="100%" class="chart" role="img" aria-labelledby="c-t c-d" font-family="system-ui, sans-serif" font-size="12" fill="#1b1b1b"><title id="c-t">Formés</title><desc id="c-d">Résumé</desc><text x="4" y="14" fill="#555555">%</text><path d="M36 260H484" stroke="#d6d6d6"/><text x="30" y="264" text-anchor="end">0</text><path d="M36 202H484" stroke="#d6d6d6"/><text x="30" y="206" text-anchor="end">25</text><path d="M36 144H484" stroke="#d6d6d6"/><text x="30" y="148" text-anchor="end">50</text><path d="M36 86H484" stroke="#d6d6d6"/><text x="30" y="90" text-anchor="end">75</text><path d="M36 28H484" stroke="#d6d6d6"/><text x="30" y="32" text-anchor="end">100</text><path d="M36 28V260" stroke="#555555"/><text x="48" y="280" text-anchor="middle">2024</text><text x="472" y="280" text-anchor="middle">2025</text><g><polyline points="48,167.2 472,132.4" fill="none" stroke="#19486a" stroke-width="2.5"/><circle cx="48" cy="167.2" r="4" fill="#19486a"/><circle cx="472" cy="132.4" r="4" fill="#19486a"/></g><g><polyline points="48,167.2 472,97.6" fill="none" stroke="#8a4b00" stroke-width="2" stroke-dasharray="7 4"/><rect x="44.5" y="163.7" width="7" height="7" fill="#8a4b00"/><rect x="468.5" y="94.1" width="7" height="7" fill="#8a4b00"/></g><g><polyline points="48,28 472,28" fill="none" stroke="#6a1b9a" stroke-width="2.5" stroke-dasharray="0.1 5" stroke-linecap="round"/><path d="M472 22.5l5 9h-10z" fill="#6a1b9a"/></g><text x="481" y="136.4" fill="#19486a" stroke="#fff" stroke-width="3" paint-order="stroke">Valeur</text><text x="481" y="101.6" fill="#8a4b00" stroke="#fff" stroke-width="3" paint-order="stroke">Trajectoire attendue</text><text x="481" y="32" fill="#6a1b9a" stroke="#fff" stroke-width="3" paint-order="stroke">Cible</text></svg>"`,
    );
  });

  test('hostile labels, unit, title and description are escaped', () => {
    const svg = line([pt(HOSTILE, 1, 2, 3), pt('2025', 2, 3, 3)], {
      unit: HOSTILE,
      title: HOSTILE,
      desc: HOSTILE,
      labels: { value: HOSTILE, expected: HOSTILE, target: HOSTILE },
    });
    assertAccessible(svg);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  test('no number at all gives a framed chart that says so', () => {
    for (const points of [[], [pt('2024', null)]]) {
      const svg = line(points);
      assertAccessible(svg);
      expect(svg).toContain('>Vide</text>');
      expect(svg).not.toContain('<polyline');
    }
  });

  test('a single point is drawn as a marker in the middle, with its label', () => {
    const svg = line([pt('2024', 12)]);
    assertAccessible(svg);
    expect(svg).not.toContain('<polyline');
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="4"/);
    expect(svg).toContain('>2024</text>');
    expect(svg).toContain('>Valeur</text>');
  });

  test('a missing period breaks the line rather than joining across it', () => {
    const svg = line([pt('2022', 1), pt('2023', 2), pt('2024', null), pt('2025', 4), pt('2026', 5)]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(4);
  });

  test('negative values get negative ticks and a marked zero line', () => {
    const svg = line([pt('2023', -5, 0, -20), pt('2024', -12, -10, -20)], { locale: 'en' });
    assertAccessible(svg);
    expect(svg).toContain('>-20</text>');
    expect(svg).toMatch(/stroke="#555555"\/><text x="[\d.]+" y="[\d.]+" text-anchor="end">0<\/text>/);
  });

  test('ticks use the locale number format', () => {
    const svg = line([pt('2023', 1200000), pt('2024', 1350000)]);
    expect(svg).toContain('1\u202f350\u202f000');
  });

  test('ten yearly points stay a few kilobytes', () => {
    const points = Array.from({ length: 10 }, (_, i) => pt(String(2016 + i), 30 + i * 4.37, 30 + i * 7, 100));
    const svg = line(points);
    assertAccessible(svg);
    expect(svg.length).toBeLessThan(5000);
  });

  test('many periods thin out their labels but keep the last one', () => {
    const points = Array.from({ length: 36 }, (_, i) =>
      pt(`20${24 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, i),
    );
    const svg = line(points);
    const shown = svg.match(/text-anchor="middle">20\d\d-\d\d</g) ?? [];
    expect(shown.length).toBeLessThan(36);
    expect(svg).toContain('>2026-12</text>');
  });
});

describe('bar chart', () => {
  const statusLabels = { on_track: 'En bonne voie', late: 'En retard', no_data: 'Sans donnée' };

  test('bars print their value and statuses are patterns explained by a legend', () => {
    const svg = barChartSvg({
      bars: [
        { label: 'Gouvernance', value: 0.72, status: 'on_track' },
        { label: 'Recherche', value: 0.1, status: 'late' },
        { label: 'Campus', value: null, status: 'no_data' },
      ],
      format: 'percent',
      locale: 'fr',
      title: 'Avancement',
      desc: 'Trois chantiers',
      statusLabels,
      id: 'b',
    });
    assertAccessible(svg);
    expect(svg).toContain('>72\u00a0%</text>');
    expect(svg).toContain('>—</text>');
    expect(svg).toContain('<pattern id="b-on_track"');
    expect(svg).toContain('<pattern id="b-late"');
    expect(svg).toContain('fill="url(#b-on_track)"');
    expect(svg).toContain('>En bonne voie</text>');
    expect(svg).toContain('>Sans donnée</text>');
    expect(svg).toMatchInlineSnapshot(
      `"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 158" width="100%" class="chart" role="img" aria-labelledby="b-t b-d" font-family="system-ui, sans-serif" font-size="12" fill="#1b1b1b"><title id="b-t">Avancement</title><desc id="b-d">Trois chantiers</desc><defs><pattern id="b-on_track" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/><path d="M0 0V8" stroke="#1e6b30" stroke-width="3"/></pattern><pattern id="b-late" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/><path d="M0 0V8M0 4H8" stroke="#a4161a" stroke-width="2"/></pattern></defs><g><text x="204" y="28" text-anchor="end">Gouvernance</text><rect x="212" y="15" width="364" height="18" fill="none" stroke="#d6d6d6"/><rect x="212" y="15" width="262.1" height="18" fill="url(#b-on_track)" stroke="#1e6b30" stroke-width="1.5"/><text x="480.1" y="28">72 %</text></g><g><text x="204" y="68" text-anchor="end">Recherche</text><rect x="212" y="55" width="364" height="18" fill="none" stroke="#d6d6d6"/><rect x="212" y="55" width="36.4" height="18" fill="url(#b-late)" stroke="#a4161a" stroke-width="1.5"/><text x="254.4" y="68">10 %</text></g><g><text x="204" y="108" text-anchor="end">Campus</text><rect x="212" y="95" width="364" height="18" fill="none" stroke="#d6d6d6"/><text x="218" y="108">—</text></g><g><rect x="1" y="133" width="14" height="14" fill="url(#b-on_track)" stroke="#1e6b30" stroke-width="1.5"/><text x="20" y="144">En bonne voie</text><rect x="130" y="133" width="14" height="14" fill="url(#b-late)" stroke="#a4161a" stroke-width="1.5"/><text x="149" y="144">En retard</text><rect x="231" y="133" width="14" height="14" fill="#ffffff" stroke="#555555" stroke-width="1.5"/><text x="250" y="144">Sans donnée</text></g></svg>"`,
    );
  });

  test('a long label is wrapped on two lines and given whole in a title', () => {
    const label = 'Formation des étudiants et des personnels aux enjeux de la transition écologique et sociale';
    const svg = barChartSvg({ bars: [{ label, value: 0.35 }], format: 'percent', locale: 'fr', title: 't', desc: 'd' });
    assertAccessible(svg);
    expect(svg).toContain(`<title>${label}: 35\u00a0%</title>`);
    expect(svg).toContain('>Formation des étudiants et</text>');
  });

  test('hostile labels are escaped', () => {
    const svg = barChartSvg({
      bars: [{ label: HOSTILE, value: 3, status: 'at_risk' }],
      format: 'number',
      locale: 'en',
      title: HOSTILE,
      desc: HOSTILE,
      statusLabels: { at_risk: HOSTILE },
    });
    assertAccessible(svg);
    expect(svg).not.toContain('<script');
  });

  test('negative values grow left of a zero line', () => {
    const svg = barChartSvg({
      bars: [
        { label: 'A', value: -4 },
        { label: 'B', value: 8 },
      ],
      format: 'number',
      locale: 'en',
      title: 't',
      desc: 'd',
    });
    assertAccessible(svg);
    expect(svg).toContain('>-4</text>');
    expect(svg).toMatch(/<path d="M[\d.]+ 4V84" stroke="#1b1b1b"/);
  });

  test('no bar gives an empty but valid chart', () => {
    assertAccessible(barChartSvg({ bars: [], format: 'percent', locale: 'fr', title: 't', desc: 'd' }));
  });
});

describe('status bar', () => {
  test('segments are proportional to the counts and the legend counts every status', () => {
    const svg = statusBarSvg({
      counts: [
        { status: 'achieved', count: 1, label: 'Atteint' },
        { status: 'at_risk', count: 3, label: 'À risque' },
        { status: 'late', count: 0, label: 'En retard' },
      ],
      title: 'Statuts',
      desc: 'Quatre indicateurs',
      locale: 'fr',
      id: 's',
    });
    assertAccessible(svg);
    expect(svg).toContain('<rect x="1" y="1" width="159.5" height="28" fill="#1e6b30"');
    expect(svg).toContain('<rect x="160.5" y="1" width="478.5" height="28" fill="url(#s-at_risk)"');
    expect(svg).toContain('>En retard (0)</text>');
    expect(svg).toContain('<pattern id="s-late"');
    expect(svg).toMatchInlineSnapshot(
      `"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 62" width="100%" class="chart" role="img" aria-labelledby="s-t s-d" font-family="system-ui, sans-serif" font-size="12" fill="#1b1b1b"><title id="s-t">Statuts</title><desc id="s-d">Quatre indicateurs</desc><defs><pattern id="s-at_risk" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="2" fill="#8a4b00"/></pattern><pattern id="s-late" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/><path d="M0 0V8M0 4H8" stroke="#a4161a" stroke-width="2"/></pattern></defs><g><rect x="1" y="1" width="159.5" height="28" fill="#1e6b30" stroke="#1e6b30" stroke-width="1.5"/><rect x="160.5" y="1" width="478.5" height="28" fill="url(#s-at_risk)" stroke="#8a4b00" stroke-width="1.5"/></g><g><rect x="1" y="41" width="14" height="14" fill="#1e6b30" stroke="#1e6b30" stroke-width="1.5"/><text x="20" y="52">Atteint (1)</text><rect x="116" y="41" width="14" height="14" fill="url(#s-at_risk)" stroke="#8a4b00" stroke-width="1.5"/><text x="135" y="52">À risque (3)</text><rect x="238" y="41" width="14" height="14" fill="url(#s-late)" stroke="#a4161a" stroke-width="1.5"/><text x="257" y="52">En retard (0)</text></g></svg>"`,
    );
  });

  test('no items at all gives an outlined empty bar', () => {
    const svg = statusBarSvg({
      counts: [{ status: 'no_data', count: 0, label: HOSTILE }],
      title: 't',
      desc: 'd',
      locale: 'en',
    });
    assertAccessible(svg);
    expect(svg).toContain('fill="none"');
    expect(svg).not.toContain('<script');
  });
});
