/**
 * Hands indicators of a plan to the modules that compute them. Each module
 * names, in its `*_SEED_INDICATOR_LINKS`, which indicator of the seed plan its
 * records measure (a fragment of the action's title and of the indicator's
 * wording); the demo applies those links so the plan's matching indicators
 * fill themselves. An indicator that already holds values is left manual:
 * its history stays as people wrote it.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
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
  /**
   * When no indicator matches, create it: under the action named by `actionIncludes`, or, with
   * `targetIncludes`, under the target whose wording includes it (a target the plan states without an
   * indicator, such as "50 % des formations adressent la RES").
   */
  create?: { name: string; unit: string | null; kind: 'number' | 'percentage'; targetIncludes?: string };
}

export interface SourceLinkReport {
  linked: { indicatorId: string; name: string; source: string; sourceKey: string | null; created: boolean }[];
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
      if (source && matches.length === 0 && link.create) {
        const created = await createLinkedIndicator(trx, institutionId, link, source.periodicities[0] ?? 'year', actor);
        if (created) {
          report.linked.push({ ...created, source: link.source, sourceKey: link.sourceKey, created: true });
          continue;
        }
      }
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
        report.linked.push({
          indicatorId: match.id,
          name: match.name,
          source: link.source,
          sourceKey: link.sourceKey,
          created: false,
        });
      }
    }
  });
  return report;
}

/** The action or target a link's `create` names (first match in the institution's plans), with the next position. */
async function createLinkedIndicator(
  trx: Kysely<DB>,
  institutionId: string,
  link: SeedIndicatorLink,
  periodicity: string,
  actor: Actor,
): Promise<{ indicatorId: string; name: string } | undefined> {
  const create = link.create;
  if (!create) return undefined;
  let owner: { plan_id: string; action_id: string | null; target_id: string | null } | undefined;
  if (create.targetIncludes) {
    const wording = fold(create.targetIncludes);
    const targets = await trx
      .selectFrom('target')
      .innerJoin('objective', 'objective.id', 'target.objective_id')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .innerJoin('plan', 'plan.id', 'workstream.plan_id')
      .select(['target.id', 'target.label', 'plan.id as plan_id'])
      .where('plan.institution_id', '=', institutionId)
      .orderBy('target.id')
      .execute();
    const target = targets.find((t) => fold(t.label).includes(wording));
    if (target) owner = { plan_id: target.plan_id, action_id: null, target_id: target.id };
  } else if (link.actionIncludes !== '') {
    const wording = fold(link.actionIncludes);
    const actions = await trx
      .selectFrom('action')
      .innerJoin('plan', 'plan.id', 'action.plan_id')
      .select(['action.id', 'action.title', 'plan.id as plan_id'])
      .where('plan.institution_id', '=', institutionId)
      .orderBy('action.id')
      .execute();
    const action = actions.find((a) => fold(a.title).includes(wording));
    if (action) owner = { plan_id: action.plan_id, action_id: action.id, target_id: null };
  }
  if (!owner) return undefined;
  const last = await trx
    .selectFrom('indicator')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('plan_id', '=', owner.plan_id)
    .executeTakeFirst();
  const id = newId();
  await trx
    .insertInto('indicator')
    .values({
      id,
      plan_id: owner.plan_id,
      action_id: owner.action_id,
      objective_id: null,
      target_id: owner.target_id,
      position: Number(last?.position ?? 0) + 1,
      name: create.name,
      unit: create.unit,
      kind: create.kind,
      periodicity,
      baseline_value_milli: null,
      baseline_date: null,
      target_value_milli: null,
      target_date: null,
      responsible_person_id: null,
      source: link.source,
      source_key: link.sourceKey,
    })
    .execute();
  await recordAudit(trx, {
    institutionId,
    actor,
    entityType: 'indicator',
    entityId: id,
    operation: 'create',
    changes: [
      { field: 'name', before: null, after: create.name },
      { field: 'source', before: null, after: link.source },
    ],
  });
  return { indicatorId: id, name: create.name };
}
