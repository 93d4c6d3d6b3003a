/**
 * Shared pieces of the SVG charts: escaping, coordinate rounding, nice axis ticks,
 * status patterns. Pure string building, no DOM: every piece of text that reaches
 * the markup goes through `escapeXml`, so the output is safe for `{@html}`.
 * No `style=` anywhere (the CSP forbids inline styles): presentation attributes only.
 */

export const CHART_STATUSES = ['achieved', 'on_track', 'at_risk', 'late', 'no_data'] as const;
export type ChartStatus = (typeof CHART_STATUSES)[number];

/** Ink colours, all at least 4.5:1 on white, so also above the 3:1 that WCAG 1.4.11 asks of graphics. */
export const INK = {
  text: '#1b1b1b',
  muted: '#555555',
  grid: '#d6d6d6',
  brand: '#19486a',
  ok: '#1e6b30',
  warn: '#8a4b00',
  bad: '#a4161a',
  accent: '#6a1b9a',
} as const;

export const FONT_SIZE = 12;
/** A generous average glyph width for system-ui at 12 px; used to lay out labels without measuring. */
export const CHAR_WIDTH = 7;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** A coordinate with one decimal at most, and never "-0". */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** Cuts a label to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Splits a label into at most `lines` lines of `width` characters; what does not fit ends with an ellipsis. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) {
      line = candidate;
      continue;
    }
    out.push(line);
    line = word;
  }
  if (line) out.push(line);
  if (out.length > lines) out.splice(lines - 1, out.length, out.slice(lines - 1).join(' '));
  return out.map((l) => truncate(l, width));
}

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** 4-6 round tick values (1, 2, 2.5 or 5 x 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return niceTicks(0, 1, target);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    if (lo === 0) hi = 1;
    else if (lo > 0) lo = 0;
    else hi = 0;
  }
  const raw = (hi - lo) / (target - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { min: values[0], max: values[values.length - 1], step, values };
}

/** Decimals needed to print the ticks of this step without noise (0.25 -> 2, 5 -> 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/** Deterministic id prefix from the chart's content: stable snapshots, distinct charts get distinct ids. */
export function chartId(prefix: string, content: unknown): string {
  let h = 0x811c9dc5;
  const s = JSON.stringify(content);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${prefix}${(h >>> 0).toString(36)}`;
}

/** The fill of a status: solid, hatch, dots, cross-hatch or nothing (outline only), never colour alone. */
export function statusFill(id: string, status: ChartStatus): string {
  if (status === 'achieved') return INK.ok;
  if (status === 'no_data') return '#ffffff';
  return `url(#${id}-${status})`;
}

export function statusStroke(status: ChartStatus): string {
  return { achieved: INK.ok, on_track: INK.ok, at_risk: INK.warn, late: INK.bad, no_data: INK.muted }[status];
}

/** The `<pattern>` definitions for the statuses in use (achieved and no_data need none). */
export function statusPatterns(id: string, statuses: Iterable<ChartStatus>): string {
  const used = new Set(statuses);
  const bg = '<rect width="8" height="8" fill="#fff"/>';
  const open = (s: ChartStatus, extra = '') =>
    `<pattern id="${id}-${s}" width="8" height="8" patternUnits="userSpaceOnUse"${extra}>${bg}`;
  let out = '';
  if (used.has('on_track'))
    out += `${open('on_track', ' patternTransform="rotate(45)"')}<path d="M0 0V8" stroke="${INK.ok}" stroke-width="3"/></pattern>`;
  if (used.has('at_risk')) out += `${open('at_risk')}<circle cx="4" cy="4" r="2" fill="${INK.warn}"/></pattern>`;
  if (used.has('late'))
    out += `${open('late', ' patternTransform="rotate(45)"')}<path d="M0 0V8M0 4H8" stroke="${INK.bad}" stroke-width="2"/></pattern>`;
  return out;
}

/** The root element: responsive through viewBox, named by its title and described by its desc. */
export function svgOpen(id: string, width: number, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(width)} ${num(height)}" width="100%" class="chart" role="img"` +
    ` aria-labelledby="${id}-t ${id}-d" font-family="system-ui, sans-serif" font-size="${FONT_SIZE}" fill="${INK.text}">` +
    `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc)}</desc>`
  );
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** A swatch per status (the same fill and outline as in the chart) with its label, flowing onto as many rows as needed. */
export function legend(
  id: string,
  items: { status: ChartStatus; label: string }[],
  top: number,
  width: number,
): { svg: string; height: number } {
  const row = 22;
  let x = 0;
  let y = top;
  let svg = '';
  for (const item of items) {
    const label = truncate(item.label, 40);
    const w = 14 + 6 + label.length * CHAR_WIDTH + 18;
    if (x > 0 && x + w > width) {
      x = 0;
      y += row;
    }
    svg += `<rect x="${num(x + 1)}" y="${num(y + 1)}" width="14" height="14" fill="${statusFill(id, item.status)}" stroke="${statusStroke(item.status)}" stroke-width="1.5"/>`;
    svg += text(x + 20, y + 12, label);
    x += w;
  }
  return { svg: `<g>${svg}</g>`, height: items.length ? y - top + row : 0 };
}
