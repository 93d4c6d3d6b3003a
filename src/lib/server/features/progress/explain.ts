import { type Locale, type Params, translate } from '../../../i18n';
import { dateTimeFormat } from '../../../intl';
import type { ExplanationLine } from './progress';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Explanation params are raw: numbers (translate() formats them for the
 * locale) and ISO dates, which this turns into the locale's long date.
 */
export function localizeParams(locale: Locale, params: Params): Params {
  const dates = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = typeof value === 'string' && ISO_DATE.test(value) ? dates.format(new Date(`${value}T00:00:00Z`)) : value;
  }
  return out;
}

/** The sentences of an explanation in a language, for a page's server load (components cannot import server code). */
export function explanationTexts(locale: Locale, lines: readonly ExplanationLine[]): string[] {
  return lines.map((l) => translate(locale, l.code, localizeParams(locale, l.params)));
}
