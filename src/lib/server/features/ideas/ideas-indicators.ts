/**
 * The idea box feeding indicators: three IndicatorSource entries computed
 * from the ideas. Values are x 1000 integers; a share is its percent x 1000.
 * Ideas hidden by the officer (spam, abuse) are not counted. Definitions:
 * docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SeedIndicatorLink } from '../indicators/source-links';
import type { IndicatorSource } from '../indicators/sources';
import { ANSWERED_STATUSES } from './ideas';

const MILLI = 1000;
const PERIODICITIES = ['year', 'academic_year', 'quarter', 'month'] as const;

interface Range {
  start: string;
  end: string;
}

/** Any idea counted at all: without one, the module has no data (null), not zero. */
async function hasIdeas(db: Kysely<DB>, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('idea')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('moderation_state', '!=', 'hidden')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function countSubmitted(
  db: Kysely<DB>,
  institutionId: string,
  range: Range,
): Promise<{ submitted: number; answered: number }> {
  const row = await db
    .selectFrom('idea')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('submitted'),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when('status', 'in', [...ANSWERED_STATUSES])
            .then(1)
            .else(0)
            .end(),
        )
        .as('answered'),
    ])
    .where('institution_id', '=', institutionId)
    .where('moderation_state', '!=', 'hidden')
    .where('submitted_on', '>=', range.start)
    .where('submitted_on', '<=', range.end)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts and sums as bigint text; a sum over no rows is null.
  return { submitted: Number(row.submitted), answered: Number(row.answered ?? 0) };
}

/** Ideas submitted in the period. */
export const IDEAS_SUBMITTED: IndicatorSource = {
  key: 'ideas.submitted',
  labelKey: 'ideas.indicators.source.submitted',
  pageHref: '/ideas',
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, period }) {
    if (!(await hasIdeas(db, institutionId))) return null;
    return (await countSubmitted(db, institutionId, period)).submitted * MILLI;
  },
};

/** Share of the ideas submitted in the period that have an answer (accepted, rejected, turned into an action, done). */
export const IDEAS_ANSWERED: IndicatorSource = {
  key: 'ideas.answered',
  labelKey: 'ideas.indicators.source.answered',
  pageHref: '/ideas',
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, period }) {
    const counts = await countSubmitted(db, institutionId, period);
    return counts.submitted === 0 ? null : Math.round((counts.answered * 100 * MILLI) / counts.submitted);
  },
};

/** Ideas turned into a plan action during the period (the day of the status change). */
export const IDEAS_TURNED_INTO_ACTIONS: IndicatorSource = {
  key: 'ideas.turnedIntoActions',
  labelKey: 'ideas.indicators.source.turnedIntoActions',
  pageHref: '/ideas',
  periodicities: PERIODICITIES,
  async compute(db, { institutionId, period }) {
    if (!(await hasIdeas(db, institutionId))) return null;
    const row = await db
      .selectFrom('idea_status_change')
      .innerJoin('idea', 'idea.id', 'idea_status_change.idea_id')
      .select((eb) => eb.fn.count<number | string>('idea_status_change.idea_id').distinct().as('n'))
      .where('idea.institution_id', '=', institutionId)
      .where('idea_status_change.to_status', '=', 'turned_into_action')
      .where('idea_status_change.changed_at', '>=', period.start)
      // Timestamps are ISO text: everything on the last day sorts below its next day.
      .where('idea_status_change.changed_at', '<', nextDay(period.end))
      .executeTakeFirstOrThrow();
    return Number(row.n) * MILLI;
  },
};

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const IDEAS_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  IDEAS_SUBMITTED,
  IDEAS_ANSWERED,
  IDEAS_TURNED_INTO_ACTIONS,
];

/**
 * Seed-plan indicators these sources should compute. The seed plan
 * (data/demo/imt-mines-ales-plan-res-2023-2027.tsv) has no indicator about
 * ideas or suggestions, so none is linked; the officer adds one with these sources.
 */
export const IDEAS_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [];
