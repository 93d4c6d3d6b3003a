/**
 * Hands indicators of a plan to the modules that compute them. Each module
 * names, in its `*_SEED_INDICATOR_LINKS`, which indicator of the seed plan its
 * records measure (a fragment of the action's title and of the indicator's
 * wording); the demo applies those links so the plan's matching indicators
 * fill themselves. An indicator that already holds values is left manual:
 * its history stays as people wrote it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import { fold } from '../plan-import/cell-text';
import { isPeriodicity } from './periods';
import { INDICATOR_SOURCES, MANUAL_SOURCE } from './sources';

export interface SeedIndicatorLink {
  /** A fragment of the action's title, as the plan writes it (compared without case, accents or punctuation). */
  actionIncludes: string;
  /** A fragment of the indicator's wording. */
  indicatorIncludes: string;
  source: string;
  sourceKey: string | null;
}

export interface SourceLinkReport {
  linked: { indicatorId: string; name: string; source: string; sourceKey: string | null }[];
  /** Links that matched no manual indicator without values (or named an unknown source). */
  unmatched: SeedIndicatorLink[];
}

export async function linkIndicatorsToSources(
  db: Kysely<DB>,
  institutionId: string,
  links: readonly SeedIndicatorLink[],
  actor: Actor,
): Promise<SourceLinkReport> {
  const candidates = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .innerJoin('action', 'action.id', 'indicator.action_id')
    .select(['indicator.id', 'indicator.name', 'indicator.periodicity', 'action.title as action_title'])
    .where('plan.institution_id', '=', institutionId)
    .where('indicator.source', '=', MANUAL_SOURCE)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('indicator_value')
            .select('indicator_value.id')
            .whereRef('indicator_value.indicator_id', '=', 'indicator.id'),
        ),
      ),
    )
    .orderBy('indicator.id')
    .execute();
  const report: SourceLinkReport = { linked: [], unmatched: [] };
  const taken = new Set<string>();
  await db.transaction().execute(async (trx) => {
    for (const link of links) {
      const source = INDICATOR_SOURCES.find((s) => s.key === link.source);
      const action = fold(link.actionIncludes);
      const wording = fold(link.indicatorIncludes);
      const matches = source
        ? candidates.filter(
            (c) => !taken.has(c.id) && fold(c.action_title).includes(action) && fold(c.name).includes(wording),
          )
        : [];
      if (!source || matches.length === 0) {
        report.unmatched.push(link);
        continue;
      }
      for (const match of matches) {
        taken.add(match.id);
        // A module computes some periodicities only; the indicator takes the module's first one otherwise.
        const fits = isPeriodicity(match.periodicity) && source.periodicities.includes(match.periodicity);
        const periodicity = fits ? match.periodicity : source.periodicities[0];
        await trx
          .updateTable('indicator')
          .set((eb) => ({
            source: link.source,
            source_key: link.sourceKey,
            periodicity: periodicity ?? match.periodicity,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', match.id)
          .execute();
        await recordAudit(trx, {
          institutionId,
          actor,
          entityType: 'indicator',
          entityId: match.id,
          operation: 'update',
          changes: [
            { field: 'source', before: MANUAL_SOURCE, after: link.source },
            { field: 'source_key', before: null, after: link.sourceKey },
            ...(fits ? [] : [{ field: 'periodicity', before: match.periodicity, after: periodicity ?? null }]),
          ],
        });
        report.linked.push({ indicatorId: match.id, name: match.name, source: link.source, sourceKey: link.sourceKey });
      }
    }
  });
  return report;
}
