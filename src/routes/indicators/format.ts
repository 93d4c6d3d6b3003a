/** How indicator values read on the pages (shared by the indicator page and the bulk entry page). */
import type { Locale } from '$lib/i18n';
import { dateTimeFormat, numberFormat } from '$lib/intl';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface StoredValue {
  valueMilli: number | null;
  valueText: string | null;
}

/** A value as a person reads it: "12,5 %", "1 200 kWhef", "Oui", "Atteint". */
export function showValue(
  t: Translate,
  locale: Locale,
  kind: string,
  unit: string | null,
  v: StoredValue | null,
): string {
  if (!v) return '—';
  if (v.valueMilli !== null) {
    const n = numberFormat(locale, { maximumFractionDigits: 3 }).format(v.valueMilli / 1000);
    // "nombre" says what is counted, not a unit to print after the figure.
    return !unit || unit === 'nombre' ? n : `${n} ${unit}`;
  }
  if (v.valueText === 'yes' || v.valueText === 'no') {
    return t(kind === 'milestone' ? `indicators.milestone.${v.valueText}` : `indicators.answer.${v.valueText}`);
  }
  return v.valueText ?? '—';
}

/** The value put back in a form field: a decimal in the user's language, without grouping. */
export function inputValue(locale: Locale, v: StoredValue | null): string {
  if (!v) return '';
  if (v.valueMilli !== null) {
    return numberFormat(locale, { maximumFractionDigits: 3, useGrouping: false }).format(v.valueMilli / 1000);
  }
  return v.valueText ?? '';
}

export function showDate(locale: Locale, iso: string | null): string {
  if (!iso) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

export function showDateTime(locale: Locale, iso: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
}
