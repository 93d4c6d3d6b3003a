/**
 * Scientific-culture events feeding indicators: four IndicatorSource entries
 * computed from the events of the period (an event counts in the period of
 * its first day). source_key selects the events: empty for all, an event kind
 * (`pint_of_science`), or a series by name (`series:Les Culturelles`).
 * Values are x 1000 integers; a percentage is its number of percent x 1000.
 * Definitions: docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { IndicatorSource, Period } from '../indicators';
import type { SeedIndicatorLink } from '../indicators/source-links';
import { isSelected, selectionOf } from './events';
import { hasAnyEvent, listEventsStartingIn, listPeriodLinkRows } from './events.queries';

const MILLI = 1000;
const EVENTS_PAGE = '/events';
const PERIODICITIES = ['year', 'academic_year', 'quarter', 'month'] as const;

/** part / total as percent x 1000 (2 of 3 -> 66667); null without a total. */
export function percentMilli(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part * 100 * MILLI) / total);
}

/** The period's events the source_key selects (an unreadable source_key throws: the refresh counts it as failed). */
async function selectedEvents(db: Kysely<DB>, institutionId: string, sourceKey: string | null, period: Period) {
  const selection = selectionOf(sourceKey);
  return (await listEventsStartingIn(db, institutionId, period)).filter((e) => isSelected(selection, e));
}

/** Number of events of the period; none while the institution records no event at all. */
export const EVENTS_COUNT: IndicatorSource = {
  key: 'events.count',
  labelKey: 'events.indicators.source.count',
  pageHref: EVENTS_PAGE,
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, sourceKey, period }) {
    const events = await selectedEvents(db, institutionId, sourceKey, period);
    if (events.length === 0 && !(await hasAnyEvent(db, institutionId))) return null;
    return events.length * MILLI;
  },
};

/**
 * People who attended the period's events: the sum of the known attendances.
 * None when no event of the period has a known attendance, so that "unknown"
 * is never read as nobody.
 */
export const EVENTS_ATTENDANCE: IndicatorSource = {
  key: 'events.attendance',
  labelKey: 'events.indicators.source.attendance',
  pageHref: EVENTS_PAGE,
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, sourceKey, period }) {
    const known = (await selectedEvents(db, institutionId, sourceKey, period)).filter((e) => e.attendance !== null);
    if (known.length === 0) return null;
    return known.reduce((sum, e) => sum + (e.attendance ?? 0), 0) * MILLI;
  },
};

/**
 * Distinct SDGs addressed by the period's events (the seed plan's target "X
 * ODD pris en compte dans la programmation"); none without an event.
 */
export const EVENTS_SDGS_COVERED: IndicatorSource = {
  key: 'events.sdgsCovered',
  labelKey: 'events.indicators.source.sdgsCovered',
  pageHref: EVENTS_PAGE,
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, sourceKey, period }) {
    const events = await selectedEvents(db, institutionId, sourceKey, period);
    if (events.length === 0) return null;
    const ids = new Set(events.map((e) => e.id));
    const { sdgRows } = await listPeriodLinkRows(db, institutionId, period);
    return new Set(sdgRows.filter((r) => ids.has(r.event_id)).map((r) => r.sdg_number)).size * MILLI;
  },
};

/** Percentage of the period's events offering at least one accessibility feature; none without an event. */
export const EVENTS_ACCESSIBLE_SHARE: IndicatorSource = {
  key: 'events.accessibleShare',
  labelKey: 'events.indicators.source.accessibleShare',
  pageHref: EVENTS_PAGE,
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, sourceKey, period }) {
    const events = await selectedEvents(db, institutionId, sourceKey, period);
    const { featureRows } = await listPeriodLinkRows(db, institutionId, period);
    const accessible = new Set(featureRows.map((r) => r.event_id));
    return percentMilli(events.filter((e) => accessible.has(e.id)).length, events.length);
  },
};

/** The events module's sources, in the order the definition form lists them. */
export const EVENTS_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  EVENTS_COUNT,
  EVENTS_ATTENDANCE,
  EVENTS_SDGS_COVERED,
  EVENTS_ACCESSIBLE_SHARE,
];

/** The series the demo gives to the biodiversity atlas's participatory science days (data/demo/events.json). */
export const ATLAS_SERIES = 'Atlas de la biodiversité des campus';

/**
 * Indicators of the seed plan (data/demo/imt-mines-ales-plan-res-2023-2027.tsv)
 * these sources compute. Chantier 2, Objectif 5 – Communication (target "X ODD
 * pris en compte dans la programmation"): its action's indicator "Nombre d'ODD"
 * is the number of SDGs the year's events address. Chantier 3, Objectif 2 –
 * Espace/Biodiversité, biodiversity atlas: "Nombre de participants aux journées
 * de sciences participatives" is the attendance of the atlas's days, recorded
 * as events of the series ATLAS_SERIES (the indicator's second half, the
 * biodiversity N+1 review, is not an event figure and stays with the officer
 * if the plan splits it).
 */
// "Nombre d'ODD" (action "Faire que les actions de communication soient éco-responsables") is what
// events.sdgsCovered computes, but the demo keeps it manual: it is the pilot's own indicator, the one the
// value-entry walkthrough uses. The officer can hand it to this module in the definition form.
export const EVENTS_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [
  {
    actionIncludes: "Réalisation d'un atlas de la biodiversité des campus",
    indicatorIncludes: 'Nombre de participants aux journées de sciences participatives',
    source: EVENTS_ATTENDANCE.key,
    sourceKey: `series:${ATLAS_SERIES}`,
  },
];
