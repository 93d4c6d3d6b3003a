/**
 * Research feeding indicators: three IndicatorSource entries computed from the
 * module's records (projects and their SDGs, publications imported from HAL).
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
import { isActiveDuring, meetsSdgRule } from './research';
import { countPublicationsByYear, hasAnyProject, listProjectRows, listProjectSdgRows } from './research.queries';

const MILLI = 1000;

/** part / total as percent x 1000 (2 of 3 -> 66667); null without a total. */
export function percentMilli(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part * 100 * MILLI) / total);
}

/** What the open-access rate counts, chosen by source_key; full text deposited without one. */
export const OPEN_ACCESS_KEYS = ['fullText', 'openAccess', 'openLicence'] as const;
type OpenAccessKey = (typeof OPEN_ACCESS_KEYS)[number];

function openAccessKeyOf(sourceKey: string | null): OpenAccessKey {
  const text = sourceKey?.trim() ?? '';
  if (text === '') return 'fullText';
  if (!(OPEN_ACCESS_KEYS as readonly string[]).includes(text)) {
    throw new Error(`source_key "${text}" is not one of ${OPEN_ACCESS_KEYS.join(', ')}`);
  }
  return text as OpenAccessKey;
}

/**
 * Percentage of the period's publications (by HAL production year) with their
 * full text deposited in HAL; with source_key "openAccess", full text or
 * flagged open access; with "openLicence", under an open licence. Years only:
 * HAL gives a publication's year, not its day.
 */
export const OPEN_ACCESS_RATE: IndicatorSource = {
  key: 'research.openAccessRate',
  labelKey: 'research.indicators.source.openAccessRate',
  pageHref: '/research/open-access',
  periodicities: ['year'],
  async compute(db, { institutionId, sourceKey, period }) {
    const key = openAccessKeyOf(sourceKey);
    const year = Number(period.start.slice(0, 4));
    const [counts] = await countPublicationsByYear(db, institutionId, { from: year, to: year });
    if (!counts) return null;
    return percentMilli(counts[key], counts.publications);
  },
};

/** The projects that ran during the period, with whether each meets the SDG rule (its SDGs as tagged now). */
async function activeProjects(db: Kysely<DB>, institutionId: string, period: Period) {
  const [rows, sdgRows] = await Promise.all([
    listProjectRows(db, institutionId),
    listProjectSdgRows(db, institutionId),
  ]);
  const sdgsOf = new Map<string, number[]>();
  for (const r of sdgRows) sdgsOf.set(r.project_id, [...(sdgsOf.get(r.project_id) ?? []), r.sdg_number]);
  return rows
    .filter((r) => isActiveDuring(r.start_date, r.end_date, period))
    .map((r) => ({ id: r.id, meetsRule: meetsSdgRule(sdgsOf.get(r.id) ?? []) }));
}

/** Percentage of the projects active during the period tagged with at least 3 SDGs; none without such projects. */
export const PROJECTS_WITH_THREE_SDGS: IndicatorSource = {
  key: 'research.projectsWithThreeSdgs',
  labelKey: 'research.indicators.source.projectsWithThreeSdgs',
  pageHref: '/research/sdg-check',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, period }) {
    const active = await activeProjects(db, institutionId, period);
    return percentMilli(active.filter((p) => p.meetsRule).length, active.length);
  },
};

/** Number of projects active at some point of the period; none while the institution records no project at all. */
export const ACTIVE_PROJECTS: IndicatorSource = {
  key: 'research.activeProjects',
  labelKey: 'research.indicators.source.activeProjects',
  pageHref: '/research',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, period }) {
    if (!(await hasAnyProject(db, institutionId))) return null;
    return (await activeProjects(db, institutionId, period)).length * MILLI;
  },
};

/** The research module's sources, in the order the definition form lists them. */
export const RESEARCH_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  OPEN_ACCESS_RATE,
  PROJECTS_WITH_THREE_SDGS,
  ACTIVE_PROJECTS,
];

/**
 * Indicators of the seed plan (data/demo/imt-mines-ales-plan-res-2023-2027.tsv)
 * these sources compute. The HAL action's indicator cell is empty in the seed:
 * `indicatorIncludes: ''` asks for the action's indicator, to be created when
 * the import made none. The "3 ODD minimum" text is the target of Objectif 4 –
 * Recherche, not an action: `actionIncludes: ''` and the target's own text.
 */
export const RESEARCH_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [
  {
    actionIncludes: 'Développer le signalement des publications scientifiques dans Hyper Article en Ligne (HAL)',
    indicatorIncludes: 'Taux de publications en texte intégral',
    source: OPEN_ACCESS_RATE.key,
    sourceKey: null,
    // The seed plan gives this action no indicator: the demo creates it.
    create: { name: 'Taux de publications en texte intégral dans HAL', unit: '%', kind: 'percentage' },
  },
  {
    actionIncludes: '',
    indicatorIncludes: 'Part des projets de recherche couvrant au moins 3 ODD',
    source: PROJECTS_WITH_THREE_SDGS.key,
    sourceKey: null,
    // A target of Objectif 4 without an indicator: the demo creates one under it.
    create: {
      name: 'Part des projets de recherche couvrant au moins 3 ODD',
      unit: '%',
      kind: 'percentage',
      targetIncludes: '3 ODD minimum pour chaque projet de recherche',
    },
  },
];
