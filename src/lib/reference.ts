/** SDG and Plan-vert axis titles for views. Titles are data (data/*.json), not messages. */
import axisData from '../../data/plan-axes.json';
import sdgData from '../../data/sdg.json';
import type { Locale } from './i18n';

export const SDG_NUMBERS = Array.from({ length: 17 }, (_, i) => i + 1);
export const AXIS_CODES_VIEW = axisData.axes.map((a) => a.code);

export function sdgTitle(n: number, locale: Locale): string {
  const g = sdgData.goals.find((x) => x.number === n);
  if (!g) return String(n);
  return locale === 'en' ? g.titleEn : g.titleFr;
}

export function axisTitle(code: string, locale: Locale): string {
  const a = axisData.axes.find((x) => x.code === code);
  if (!a) return code;
  return locale === 'en' ? a.titleEn : a.titleFr;
}
