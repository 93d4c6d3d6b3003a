import { numberFormat } from '../../intl';
/**
 * Horizontal bars (progress per workstream, per SDG, per axis). Each bar prints its
 * value; a status is carried by a pattern and a legend, not by colour alone.
 */
import {
  CHART_STATUSES,
  type ChartStatus,
  chartId,
  escapeXml,
  INK,
  legend,
  num,
  statusFill,
  statusPatterns,
  statusStroke,
  svgOpen,
  text,
  wrap,
} from './svg';

export interface Bar {
  label: string;
  /** A fraction (0.42 = 42 %) when format is 'percent', a plain number otherwise; null when unknown. */
  value: number | null;
  status?: ChartStatus;
}

export interface BarChartInput {
  bars: Bar[];
  /** The value of a full bar; defaults to 100 % for percentages, to the largest value otherwise. */
  max?: number;
  format: 'percent' | 'number';
  locale: string;
  title: string;
  desc: string;
  /** Legend text of each status used by a bar. */
  statusLabels?: Partial<Record<ChartStatus, string>>;
  id?: string;
}

const WIDTH = 640;
const LABEL_COLUMN = 204;
const LABEL_CHARS = 28;
const VALUE_ROOM = 64;
const ROW = 40;
const BAR = 18;

export function barChartSvg(input: BarChartInput): string {
  const { bars, format, locale } = input;
  const id = input.id ?? chartId('bc', input);
  const values = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const min = Math.min(0, ...values);
  const max = Math.max(input.max ?? (format === 'percent' ? 1 : 0), ...values);
  const span = max - min || 1;
  const x0 = LABEL_COLUMN + 8;
  const w = WIDTH - x0 - VALUE_ROOM;
  const xAt = (v: number) => x0 + ((v - min) / span) * w;
  const zero = xAt(0);
  const formatter = numberFormat(
    locale,
    format === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 },
  );

  const used = new Set(bars.flatMap((b) => (b.status ? [b.status] : [])));
  const statuses = CHART_STATUSES.filter((s) => used.has(s));
  let body = '';
  bars.forEach((bar, k) => {
    const top = 4 + k * ROW;
    const lines = wrap(bar.label, LABEL_CHARS, 2);
    const cut = lines.join(' ') !== bar.label.trim().replace(/\s+/g, ' ');
    const valueText = bar.value === null || !Number.isFinite(bar.value) ? '—' : formatter.format(bar.value);
    let row = cut ? `<title>${escapeXml(`${bar.label}: ${valueText}`)}</title>` : '';
    const firstBaseline = top + ROW / 2 + 4 - (lines.length - 1) * 7.5;
    lines.forEach((line, i) => {
      row += text(LABEL_COLUMN, firstBaseline + i * 15, line, 'text-anchor="end"');
    });
    const barTop = top + (ROW - BAR) / 2;
    if (format === 'percent')
      row += `<rect x="${num(xAt(Math.max(0, min)))}" y="${num(barTop)}" width="${num(xAt(1) - xAt(Math.max(0, min)))}" height="${BAR}" fill="none" stroke="${INK.grid}"/>`;
    const v = bar.value !== null && Number.isFinite(bar.value) ? bar.value : 0;
    const fill = bar.status ? statusFill(id, bar.status) : INK.brand;
    const stroke = bar.status ? statusStroke(bar.status) : INK.brand;
    const left = Math.min(zero, xAt(v));
    const width = Math.abs(xAt(v) - zero);
    if (width > 0)
      row += `<rect x="${num(left)}" y="${num(barTop)}" width="${num(width)}" height="${BAR}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
    // Negative bars grow left from zero; their label stays right of the zero line, clear of the label column.
    const labelX = (v >= 0 ? xAt(v) : zero) + 6;
    row += text(labelX, barTop + BAR / 2 + 4, valueText);
    body += `<g>${row}</g>`;
  });
  if (min < 0)
    body += `<path d="M${num(zero)} 4V${num(4 + bars.length * ROW)}" stroke="${INK.text}" stroke-width="1.5"/>`;

  const items = statuses.map((s) => ({ status: s, label: input.statusLabels?.[s] ?? s }));
  const key = legend(id, items, 12 + bars.length * ROW, WIDTH);
  const height = Math.max(ROW, 8 + bars.length * ROW + (key.height ? key.height + 8 : 0));
  const patterns = statusPatterns(id, statuses);
  const defs = patterns ? `<defs>${patterns}</defs>` : '';
  return `${svgOpen(id, WIDTH, height, input.title, input.desc)}${defs}${body}${key.svg}</svg>`;
}
