/**
 * Radar (spider) chart: one spoke per axis, rings at the scale's levels, and up
 * to three series overlaid (years of the label self-assessment, oldest first).
 * Each series is told apart by its line (dotted, dashed, solid) and its marker
 * shape (square, triangle, circle), not by colour alone; the newest is the
 * solid one. A missing value leaves a gap in the outline instead of a false zero.
 */
import { numberFormat } from '../../intl';
import { CHAR_WIDTH, chartId, escapeXml, INK, num, svgOpen, text, truncate, wrap } from './svg';

export interface RadarSeries {
  label: string;
  /** One value per axis, in the axes' order; null when the axis has none. */
  values: (number | null)[];
}

export interface RadarChartInput {
  axes: string[];
  /** At most three are drawn: the last three given. */
  series: RadarSeries[];
  /** The value at the outer ring. */
  max: number;
  /** The rings drawn and labelled (levels 1 to 5, say). */
  rings: number[];
  locale: string;
  title: string;
  desc: string;
  id?: string;
}

export const RADAR_MAX_SERIES = 3;

const WIDTH = 640;
const RADIUS = 150;
const CX = WIDTH / 2;
const CY = 200;
const LABEL_GAP = 16;
const LABEL_CHARS = 24;

interface SeriesStyle {
  stroke: string;
  dash: string;
  width: number;
  marker: 'square' | 'triangle' | 'circle';
}

/** Oldest to newest; a chart with fewer series uses the last ones, so the newest is always solid. */
const STYLES: SeriesStyle[] = [
  { stroke: INK.muted, dash: '2 4', width: 2, marker: 'square' },
  { stroke: INK.accent, dash: '8 4', width: 2, marker: 'triangle' },
  { stroke: INK.brand, dash: '', width: 3, marker: 'circle' },
];

function marker(style: SeriesStyle, x: number, y: number, extra = ''): string {
  const common = `fill="#ffffff" stroke="${style.stroke}" stroke-width="2"${extra}`;
  if (style.marker === 'square') return `<rect x="${num(x - 4)}" y="${num(y - 4)}" width="8" height="8" ${common}/>`;
  if (style.marker === 'triangle')
    return `<path d="M${num(x)} ${num(y - 5.5)}L${num(x + 5)} ${num(y + 4)}L${num(x - 5)} ${num(y + 4)}Z" ${common}/>`;
  return `<circle cx="${num(x)}" cy="${num(y)}" r="4.5" ${common}/>`;
}

function lineAttrs(style: SeriesStyle): string {
  return `fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} stroke-linejoin="round"`;
}

export function radarChartSvg(input: RadarChartInput): string {
  const n = input.axes.length;
  const id = input.id ?? chartId('rc', input);
  const series = input.series.slice(-RADAR_MAX_SERIES);
  const styles = STYLES.slice(STYLES.length - series.length);
  const formatter = numberFormat(input.locale, { maximumFractionDigits: 2 });
  const angle = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, n);
  const at = (k: number, value: number) => {
    const r = (Math.max(0, Math.min(value, input.max)) / input.max) * RADIUS;
    return { x: CX + r * Math.cos(angle(k)), y: CY + r * Math.sin(angle(k)) };
  };

  let grid = '';
  for (const ring of input.rings) {
    const points = input.axes.map((_, k) => at(k, ring));
    grid += `<polygon points="${points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="none" stroke="${INK.grid}"/>`;
    const top = at(0, ring);
    grid += text(top.x + 8, top.y + 4, formatter.format(ring), `fill="${INK.muted}"`);
  }
  input.axes.forEach((label, k) => {
    const end = at(k, input.max);
    grid += `<path d="M${num(CX)} ${num(CY)}L${num(end.x)} ${num(end.y)}" stroke="${INK.grid}"/>`;
    const cos = Math.cos(angle(k));
    const sin = Math.sin(angle(k));
    const anchor = cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
    const lines = wrap(label, LABEL_CHARS, 3);
    const x = CX + (RADIUS + LABEL_GAP) * cos;
    // Labels above the centre grow upwards, below it downwards, beside it around the spoke's end.
    const y0 =
      CY +
      (RADIUS + LABEL_GAP) * sin +
      (sin > 0.3 ? 10 : sin < -0.3 ? -(lines.length - 1) * 15 - 2 : 4 - (lines.length - 1) * 7.5);
    const cut = lines.join(' ') !== label.trim().replace(/\s+/g, ' ');
    let g = cut ? `<title>${escapeXml(label)}</title>` : '';
    lines.forEach((line, i) => {
      g += text(x, y0 + i * 15, line, `text-anchor="${anchor}"`);
    });
    grid += `<g>${g}</g>`;
  });

  let body = '';
  series.forEach((s, i) => {
    const style = styles[i];
    const points = s.values.map((v, k) => (v === null || !Number.isFinite(v) ? null : { ...at(k, v), v, k }));
    let g = `<title>${escapeXml(s.label)}</title>`;
    if (points.every((p) => p !== null) && n > 2) {
      g += `<polygon points="${points.map((p) => `${num(p?.x ?? 0)},${num(p?.y ?? 0)}`).join(' ')}" ${lineAttrs(style)}/>`;
    } else {
      // Only neighbouring axes that both have a value are joined.
      let d = '';
      points.forEach((p, k) => {
        const next = points[(k + 1) % n];
        if (p && next && (k + 1 < n || n > 2)) d += `M${num(p.x)} ${num(p.y)}L${num(next.x)} ${num(next.y)}`;
      });
      if (d) g += `<path d="${d}" ${lineAttrs(style)}/>`;
    }
    for (const p of points) if (p) g += marker(style, p.x, p.y);
    body += `<g>${g}</g>`;
  });

  // Legend: a sample of each series' line with its marker, then its label, on as many rows as needed.
  const legendTop = CY + RADIUS + 56;
  let legend = '';
  let x = 0;
  let y = legendTop;
  series.forEach((s, i) => {
    const label = truncate(s.label, 40);
    const w = 36 + 6 + label.length * CHAR_WIDTH + 20;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += 22;
    }
    legend += `<path d="M${num(x)} ${num(y + 8)}H${num(x + 36)}" ${lineAttrs(styles[i])}/>`;
    legend += marker(styles[i], x + 18, y + 8);
    legend += text(x + 42, y + 12, label);
    x += w;
  });
  const height = series.length ? y + 30 : legendTop;
  return `${svgOpen(id, WIDTH, height, input.title, input.desc)}<g>${grid}</g>${body}<g>${legend}</g></svg>`;
}
