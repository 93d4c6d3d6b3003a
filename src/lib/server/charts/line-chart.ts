import { numberFormat } from '../../intl';
/**
 * An indicator's values against its expected trajectory and its target. The three
 * series differ by line (solid, dashed, dotted), by marker (circle, square,
 * triangle) and by a direct label at their end, so colour is never needed.
 */
import { CHAR_WIDTH, chartId, escapeXml, INK, niceTicks, num, stepDecimals, svgOpen, text, truncate } from './svg';

export interface LinePoint {
  label: string;
  value: number | null;
  expected: number | null;
  target: number | null;
}

export interface LineChartInput {
  points: LinePoint[];
  unit: string | null;
  labels: { value: string; expected: string; target: string };
  locale: string;
  /** Short name of the chart (the figure caption). */
  title: string;
  /** One or two sentences saying what the chart shows. */
  desc: string;
  /** Text shown in place of the plot when no point has a number. */
  empty?: string;
  id?: string;
}

type SeriesKey = 'value' | 'expected' | 'target';

const WIDTH = 640;
const HEIGHT = 300;
const TOP = 28;
const BOTTOM = 40;
const INSET = 12;
const LABEL_MAX = 22;

const SERIES: Record<SeriesKey, { stroke: string; attrs: string }> = {
  value: { stroke: INK.brand, attrs: 'stroke-width="2.5"' },
  expected: { stroke: INK.warn, attrs: 'stroke-width="2" stroke-dasharray="7 4"' },
  target: { stroke: INK.accent, attrs: 'stroke-width="2.5" stroke-dasharray="0.1 5" stroke-linecap="round"' },
};

function marker(key: SeriesKey, x: number, y: number): string {
  const fill = SERIES[key].stroke;
  if (key === 'value') return `<circle cx="${num(x)}" cy="${num(y)}" r="4" fill="${fill}"/>`;
  if (key === 'expected') return `<rect x="${num(x - 3.5)}" y="${num(y - 3.5)}" width="7" height="7" fill="${fill}"/>`;
  return `<path d="M${num(x)} ${num(y - 5.5)}l5 9h-10z" fill="${fill}"/>`;
}

const polyline = (key: SeriesKey, pts: [number, number][]) =>
  `<polyline points="${pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}" fill="none" stroke="${SERIES[key].stroke}" ${SERIES[key].attrs}/>`;

/** Consecutive runs of non-null values: a missing period breaks the line instead of inventing a value. */
function runs(values: (number | null)[]): [number, number][][] {
  const out: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) out.push(run);
      run = [];
    } else run.push([i, v]);
  });
  if (run.length) out.push(run);
  return out;
}

/** Moves label baselines apart so that no two overlap, keeping them inside [minY, maxY]. */
function spread(ys: number[], gap: number, minY: number, maxY: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k].y = Math.max(order[k].y, order[k - 1].y + gap);
  const overflow = order.length ? order[order.length - 1].y - maxY : 0;
  if (overflow > 0) for (const o of order) o.y -= overflow;
  for (let k = 0; k < order.length; k++) order[k].y = Math.max(order[k].y, minY + k * gap);
  const out = [...ys];
  for (const o of order) out[o.i] = o.y;
  return out;
}

export function lineChartSvg(input: LineChartInput): string {
  const { points, unit, labels, locale } = input;
  const id = input.id ?? chartId('lc', input);
  const all = points.flatMap((p) => [p.value, p.expected, p.target]).filter((v): v is number => Number.isFinite(v));
  if (all.length === 0) {
    const h = 120;
    return `${svgOpen(id, WIDTH, h, input.title, input.desc)}<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${h - 1}" fill="none" stroke="${INK.muted}"/>${input.empty ? text(WIDTH / 2, h / 2 + 4, input.empty, 'text-anchor="middle"') : ''}</svg>`;
  }

  let lo = Math.min(...all);
  let hi = Math.max(...all);
  // Start at zero unless the values sit far from it: the slope stays honest without flattening narrow ranges.
  if (lo >= 0 && lo <= hi * 0.6) lo = 0;
  if (hi <= 0 && hi >= lo * 0.6) hi = 0;
  const ticks = niceTicks(lo, hi);
  const formatter = numberFormat(locale, { maximumFractionDigits: stepDecimals(ticks.step) });
  const tickLabels = ticks.values.map((v) => formatter.format(v));

  const seriesLabels = { value: labels.value, expected: labels.expected, target: labels.target };
  const present = (key: SeriesKey) => points.some((p) => Number.isFinite(p[key]));
  const keys = (['value', 'expected', 'target'] as const).filter(present);
  const labelChars = Math.max(...keys.map((k) => Math.min(LABEL_MAX, seriesLabels[k].length)));
  const left = Math.max(36, Math.max(...tickLabels.map((l) => l.length)) * CHAR_WIDTH + 12);
  const right = labelChars * CHAR_WIDTH + 16;
  const plotW = WIDTH - left - right;
  const plotH = HEIGHT - TOP - BOTTOM;
  const n = points.length;
  const xAt = (i: number) => (n === 1 ? left + plotW / 2 : left + INSET + (i * (plotW - 2 * INSET)) / (n - 1));
  const yAt = (v: number) => TOP + plotH - ((v - ticks.min) / (ticks.max - ticks.min)) * plotH;

  let out = svgOpen(id, WIDTH, HEIGHT, input.title, input.desc);
  if (unit) out += text(4, 14, truncate(unit, 40), `fill="${INK.muted}"`);
  ticks.values.forEach((v, k) => {
    const y = yAt(v);
    const stroke = v === 0 && ticks.min < 0 ? INK.muted : INK.grid;
    out += `<path d="M${num(left)} ${num(y)}H${num(left + plotW)}" stroke="${stroke}"/>`;
    out += text(left - 6, y + 4, tickLabels[k], 'text-anchor="end"');
  });
  out += `<path d="M${num(left)} ${num(TOP)}V${num(TOP + plotH)}" stroke="${INK.muted}"/>`;

  // Thin out period labels so that they never overlap; the last period always keeps its label.
  const spacing = n > 1 ? (plotW - 2 * INSET) / (n - 1) : plotW;
  const longest = Math.max(...points.map((p) => Math.min(p.label.length, 12)));
  const every = Math.max(1, Math.ceil((longest * CHAR_WIDTH + 8) / spacing));
  points.forEach((p, i) => {
    if ((n - 1 - i) % every === 0) out += text(xAt(i), TOP + plotH + 20, truncate(p.label, 12), 'text-anchor="middle"');
  });

  const ends: { key: SeriesKey; x: number; y: number }[] = [];
  for (const key of keys) {
    const values = points.map((p) => p[key]);
    const distinct = new Set(values.filter((v) => v !== null));
    let body = '';
    if (key === 'target' && distinct.size === 1) {
      // One target value: a level line across the chart, its marker at the deadline (the last period that names it).
      const v = [...distinct][0] as number;
      const at = values.lastIndexOf(v);
      body += polyline(key, [
        [xAt(0), yAt(v)],
        [xAt(n - 1), yAt(v)],
      ]);
      body += marker(key, xAt(at), yAt(v));
      ends.push({ key, x: xAt(n - 1), y: yAt(v) });
    } else {
      for (const run of runs(values)) {
        const pts = run.map(([i, v]) => [xAt(i), yAt(v)] as [number, number]);
        if (pts.length > 1) body += polyline(key, pts);
        for (const [x, y] of pts) body += marker(key, x, y);
      }
      const last = values.findLastIndex((v) => v !== null && Number.isFinite(v));
      ends.push({ key, x: xAt(last), y: yAt(values[last] as number) });
    }
    out += `<g>${body}</g>`;
  }

  const labelYs = spread(
    ends.map((e) => e.y + 4),
    15,
    TOP + 4,
    TOP + plotH + 4,
  );
  ends.forEach((e, k) => {
    out += `<text x="${num(e.x + 9)}" y="${num(labelYs[k])}" fill="${SERIES[e.key].stroke}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(truncate(seriesLabels[e.key], LABEL_MAX))}</text>`;
  });
  return `${out}</svg>`;
}
