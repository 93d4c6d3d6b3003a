/**
 * Where an indicator's values come from: entered by hand ("manual"), or
 * computed by a module (travel, awareness sessions, ideas...).
 *
 * The one interface a module implements to feed indicators: it declares a
 * key, a translated label and the periodicities it can compute, and returns
 * the value of a period from its own records. `indicator.source` holds the
 * module's key and `indicator.source_key` what to compute inside the module
 * (for instance a travel mode or a session type). Modules add their entry to
 * INDICATOR_SOURCES; the definition form offers every entry, and the daily
 * refresh (computed-values.ts) calls `compute` for every ended period. Guide:
 * docs/indicator-sources.md.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
// The file, not travel's index.ts: this array is built when the module loads, so it must not sit in an import
// cycle, and the travel index would close one as soon as any travel file imports the indicators feature. The
// file imports only types from here.
import { AWARENESS_INDICATOR_SOURCES } from '../awareness/awareness-indicators';
import { EVENTS_INDICATOR_SOURCES } from '../events/events-indicators';
import { IDEAS_INDICATOR_SOURCES } from '../ideas/ideas-indicators';
import { PARTNERS_INDICATOR_SOURCES } from '../partners/partners-indicators';
import { RESEARCH_INDICATOR_SOURCES } from '../research/research-indicators';
import { TEACHING_INDICATOR_SOURCES } from '../teaching/teaching-indicators';
import { THE_IMPACT_INDICATOR_SOURCES } from '../the-impact/the-impact-indicators';
import { TRAVEL_INDICATOR_SOURCES } from '../travel/travel-indicators';
import type { Period, Periodicity } from './periods';

export const MANUAL_SOURCE = 'manual';

export interface IndicatorSource {
  /** Stored in indicator.source; never change it once values exist. */
  key: string;
  /** i18n key of the label shown in the definition form. */
  labelKey: string;
  /** The module's page where its records are kept (shown on the indicator page), e.g. '/awareness'. */
  pageHref?: string;
  periodicities: readonly Periodicity[];
  /** Value x 1000 for the period (an integer), or null when the module has no data for it. Reads only. */
  compute(
    db: Kysely<DB>,
    input: { institutionId: string; sourceKey: string | null; period: Period },
  ): Promise<number | null>;
}

/** Modules computing indicators; each module exports its entries and adds them here. */
export const INDICATOR_SOURCES: readonly IndicatorSource[] = [
  ...TRAVEL_INDICATOR_SOURCES,
  ...TEACHING_INDICATOR_SOURCES,
  ...AWARENESS_INDICATOR_SOURCES,
  ...RESEARCH_INDICATOR_SOURCES,
  ...PARTNERS_INDICATOR_SOURCES,
  ...EVENTS_INDICATOR_SOURCES,
  ...IDEAS_INDICATOR_SOURCES,
  ...THE_IMPACT_INDICATOR_SOURCES,
];

export function isKnownSource(key: string): boolean {
  return key === MANUAL_SOURCE || INDICATOR_SOURCES.some((s) => s.key === key);
}

/** Keys and label keys for the definition form, the manual entry first. */
export function sourceOptions(): { key: string; labelKey: string; pageHref: string | null }[] {
  return [
    { key: MANUAL_SOURCE, labelKey: 'indicators.source.manual', pageHref: null },
    ...INDICATOR_SOURCES.map((s) => ({ key: s.key, labelKey: s.labelKey, pageHref: s.pageHref ?? null })),
  ];
}
