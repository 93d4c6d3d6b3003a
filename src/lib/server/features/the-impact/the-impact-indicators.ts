/**
 * THE evidence feeding indicators (yearly): the SDGs submitted to the edition
 * of the period's year, and the share of that edition's confirmed evidence
 * items with a public address (each earns THE's "evidence public" point).
 * Values are x 1000 integers; null when there is no edition for the year.
 * Definitions: docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { IndicatorSource, Period } from '../indicators';
import { findEditionRow, listEditionSdgNumbers, listItemRows } from './the-impact.queries';

const MILLI = 1000;
const PAGE = '/the-impact';

/** The edition of a yearly period: the calendar year the period ends in. */
function editionOfPeriod(period: Period): number {
  return Number(period.end.slice(0, 4));
}

export const THE_IMPACT_SDGS_SUBMITTED: IndicatorSource = {
  key: 'the-impact.sdgs-submitted',
  labelKey: 'theImpact.indicators.source.sdgsSubmitted',
  pageHref: PAGE,
  periodicities: ['year'],
  async compute(db: Kysely<DB>, { institutionId, period }) {
    const edition = await findEditionRow(db, institutionId, editionOfPeriod(period));
    if (!edition) return null;
    return (await listEditionSdgNumbers(db, [edition.id])).length * MILLI;
  },
};

export const THE_IMPACT_PUBLIC_EVIDENCE_SHARE: IndicatorSource = {
  key: 'the-impact.public-evidence-share',
  labelKey: 'theImpact.indicators.source.publicEvidenceShare',
  pageHref: PAGE,
  periodicities: ['year'],
  async compute(db: Kysely<DB>, { institutionId, period }) {
    const edition = await findEditionRow(db, institutionId, editionOfPeriod(period));
    if (!edition) return null;
    const items = (await listItemRows(db, edition.id)).filter((i) => i.is_draft === 0);
    if (items.length === 0) return null;
    const withUrl = items.filter((i) => i.public_url !== null).length;
    return Math.round((withUrl * 100 * MILLI) / items.length);
  },
};

export const THE_IMPACT_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  THE_IMPACT_SDGS_SUBMITTED,
  THE_IMPACT_PUBLIC_EVIDENCE_SHARE,
];

/**
 * The seed plan's action "Asseoir notre présence dans les palmarès nationaux et
 * internationaux : via notamment le THE Impact" measures "Positionnement de
 * l'école en 2023", a rank that THE publishes and Trajectoire cannot compute:
 * no seed indicator is linked to these sources.
 */
export const THE_IMPACT_SEED_INDICATOR_LINKS: readonly {
  actionIncludes: string;
  indicatorIncludes: string;
  source: string;
  sourceKey: string | null;
}[] = [];
