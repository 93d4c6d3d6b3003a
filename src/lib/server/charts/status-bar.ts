import { numberFormat } from '../../intl';
/**
 * One stacked bar of status counts (how many indicators are achieved, on track...).
 * Each segment has the status pattern; the legend repeats pattern, label and count.
 */
import { type ChartStatus, chartId, INK, legend, num, statusFill, statusPatterns, statusStroke, svgOpen } from './svg';

export interface StatusCount {
  status: ChartStatus;
  count: number;
  label: string;
}

export interface StatusBarInput {
  counts: StatusCount[];
  title: string;
  desc: string;
  locale: string;
  id?: string;
}

const WIDTH = 640;
const BAR = 28;

export function statusBarSvg(input: StatusBarInput): string {
  const id = input.id ?? chartId('sb', input);
  const counts = input.counts.map((c) => ({ ...c, count: Math.max(0, Number.isFinite(c.count) ? c.count : 0) }));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const formatter = numberFormat(input.locale);
  let bar = '';
  let x = 1;
  const inner = WIDTH - 2;
  for (const c of counts) {
    if (c.count === 0) continue;
    const w = (c.count / total) * inner;
    bar += `<rect x="${num(x)}" y="1" width="${num(w)}" height="${BAR}" fill="${statusFill(id, c.status)}" stroke="${statusStroke(c.status)}" stroke-width="1.5"/>`;
    x += w;
  }
  if (total === 0) bar = `<rect x="1" y="1" width="${inner}" height="${BAR}" fill="none" stroke="${INK.muted}"/>`;
  const key = legend(
    id,
    counts.map((c) => ({ status: c.status, label: `${c.label} (${formatter.format(c.count)})` })),
    BAR + 12,
    WIDTH,
  );
  const patterns = statusPatterns(
    id,
    counts.map((c) => c.status),
  );
  const height = BAR + 12 + key.height;
  return `${svgOpen(id, WIDTH, height, input.title, input.desc)}${patterns ? `<defs>${patterns}</defs>` : ''}<g>${bar}</g>${key.svg}</svg>`;
}
