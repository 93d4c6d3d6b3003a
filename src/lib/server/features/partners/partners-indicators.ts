/**
 * Partnerships feeding indicators: two IndicatorSource entries computed from
 * the partners and agreements whose dates overlap the period (open ends
 * allowed). Values are x 1000 integers. Definitions: docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { IndicatorSource } from '../indicators';
import type { SeedIndicatorLink } from '../indicators/source-links';
import { kindOfSourceKey } from './partners';
import { countActiveAgreements, countActivePartners, countAgreements, countPartners } from './partners.queries';

const MILLI = 1000;
const PERIODICITIES = ['year', 'academic_year', 'quarter', 'month'] as const;

/**
 * Partners active at some point of the period, of one kind when source_key
 * names one (`competitiveness_cluster`); none while the institution records no
 * partner at all.
 */
export const PARTNERS_ACTIVE: IndicatorSource = {
  key: 'partners.active',
  labelKey: 'partners.indicators.source.active',
  pageHref: '/partners',
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, sourceKey, period }) {
    const kind = kindOfSourceKey(sourceKey);
    if ((await countPartners(db, institutionId)) === 0) return null;
    return (await countActivePartners(db, institutionId, period, kind)) * MILLI;
  },
};

/** Agreements in force at some point of the period; none while the institution records no agreement. */
export const PARTNERS_AGREEMENTS_ACTIVE: IndicatorSource = {
  key: 'partners.agreementsActive',
  labelKey: 'partners.indicators.source.agreementsActive',
  pageHref: '/partners',
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, period }) {
    if ((await countAgreements(db, institutionId)) === 0) return null;
    return (await countActiveAgreements(db, institutionId, period)) * MILLI;
  },
};

export const PARTNERS_INDICATOR_SOURCES: readonly IndicatorSource[] = [PARTNERS_ACTIVE, PARTNERS_AGREEMENTS_ACTIVE];

/**
 * Seed-plan indicators these sources compute. The 2023-2027 plan has no
 * indicator counting partners or agreements as such (its only partner
 * indicator, "100% de nos partenaires ont reçu au moins une information
 * annuelle", is a share of partners informed, which the module does not
 * record), so none is linked.
 */
export const PARTNERS_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [];
