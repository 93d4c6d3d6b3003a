/**
 * Indicator definitions: the officer's edits (versioned, audited) and the
 * enrichment that turns freshly imported indicator texts into definitions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { diffFields, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import type { Result } from '../plan';
import { type DefinitionEdit, inferDefinition } from './definitions';
import { canEditDefinition, type IndicatorKind, isNumericKind, isYesNoKind } from './indicators';
import { findIndicatorRow } from './indicators.queries';
import { isKnownSource } from './sources';

export type DefinitionErrorCode =
  | 'indicators.definition.notFound'
  | 'indicators.definition.forbidden'
  | 'indicators.definition.stale'
  | 'indicators.definition.invalidPerson'
  | 'indicators.definition.invalidSource'
  | 'indicators.definition.periodicityLocked'
  | 'indicators.definition.kindLocked';

/** Kinds whose values are stored alike: switching inside a family keeps existing values meaningful. */
function kindFamily(kind: string): string {
  const k = kind as IndicatorKind;
  return isNumericKind(k) ? 'number' : isYesNoKind(k) ? 'yes_no' : 'text';
}

/**
 * Saves the officer's edit of a definition. Refused when someone saved it
 * since the form was opened, and when values already exist for periods or a
 * kind of value the edit would make meaningless.
 */
export async function updateIndicatorDefinition(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
  edit: DefinitionEdit,
): Promise<Result<{ version: number; changed: number }, DefinitionErrorCode>> {
  const row = await findIndicatorRow(db, user.institutionId, indicatorId);
  if (!row) return { ok: false, error: { code: 'indicators.definition.notFound' } };
  if (!canEditDefinition(user)) return { ok: false, error: { code: 'indicators.definition.forbidden' } };
  if (!isKnownSource(edit.source)) return { ok: false, error: { code: 'indicators.definition.invalidSource' } };
  if (edit.responsiblePersonId) {
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('id', '=', edit.responsiblePersonId)
      .where('institution_id', '=', user.institutionId)
      .executeTakeFirst();
    if (!person) return { ok: false, error: { code: 'indicators.definition.invalidPerson' } };
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('indicator')
      .selectAll()
      .where('id', '=', indicatorId)
      .executeTakeFirstOrThrow();
    if (current.version !== edit.expectedVersion) {
      return { ok: false, error: { code: 'indicators.definition.stale' } } as const;
    }
    const next = {
      name: edit.name,
      unit: edit.unit,
      direction: edit.direction,
      kind: edit.kind,
      periodicity: edit.periodicity,
      baseline_value_milli: edit.baselineValueMilli,
      baseline_date: edit.baselineDate,
      target_value_milli: edit.targetValueMilli,
      target_date: edit.targetDate,
      responsible_person_id: edit.responsiblePersonId,
      source: edit.source,
      source_key: edit.sourceKey,
    };
    const changes = diffFields(current, next);
    if (changes.length === 0) return { ok: true, value: { version: current.version, changed: 0 } } as const;
    const movesValues = next.periodicity !== current.periodicity || kindFamily(next.kind) !== kindFamily(current.kind);
    if (movesValues) {
      const existing = await trx
        .selectFrom('indicator_value')
        .select('id')
        .where('indicator_id', '=', indicatorId)
        .limit(1)
        .executeTakeFirst();
      if (existing) {
        const code =
          next.periodicity !== current.periodicity
            ? 'indicators.definition.periodicityLocked'
            : 'indicators.definition.kindLocked';
        return { ok: false, error: { code } } as const;
      }
    }
    const version = current.version + 1;
    const updated = await trx
      .updateTable('indicator')
      .set({ ...next, version })
      .where('id', '=', indicatorId)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      return { ok: false, error: { code: 'indicators.definition.stale' } } as const;
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'indicator',
      entityId: indicatorId,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { version, changed: changes.length } } as const;
  });
}

/**
 * Gives the indicators of a freshly imported plan their kind, unit, direction,
 * periodicity and target (rules in definitions.ts), and the action's first
 * person pilot as responsible person. Runs inside the import's transaction.
 * Only touches indicators nobody has edited yet (version 1, entered by hand),
 * so running it twice changes nothing. Returns how many indicators it updated.
 */
export async function enrichPlanIndicators(trx: Kysely<DB>, planId: string): Promise<number> {
  const plan = await trx.selectFrom('plan').select(['end_year']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return 0;
  const [indicators, targets, pilots] = await Promise.all([
    trx
      .selectFrom('indicator')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('version', '=', 1)
      .where('source', '=', 'manual')
      .execute(),
    trx
      .selectFrom('target')
      .innerJoin('objective', 'objective.id', 'target.objective_id')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .selectAll('target')
      .where('workstream.plan_id', '=', planId)
      .orderBy('target.position')
      .execute(),
    trx
      .selectFrom('action_pilot')
      .innerJoin('action', 'action.id', 'action_pilot.action_id')
      .select(['action_pilot.action_id', 'action_pilot.person_id'])
      .where('action.plan_id', '=', planId)
      .where('action_pilot.person_id', 'is not', null)
      .orderBy('action_pilot.position')
      .execute(),
  ]);
  const firstPilot = new Map<string, string>();
  for (const p of pilots) if (p.person_id && !firstPilot.has(p.action_id)) firstPilot.set(p.action_id, p.person_id);
  let updated = 0;
  for (const ind of indicators) {
    const ownTargets = targets
      .filter((t) => t.objective_id === ind.objective_id)
      .map((t) => ({
        label: t.label,
        baselineValueMilli: t.baseline_value_milli === null ? null : Number(t.baseline_value_milli),
        targetValueMilli: t.target_value_milli === null ? null : Number(t.target_value_milli),
        unit: t.unit,
        deadline: t.deadline,
      }));
    const d = inferDefinition(ind.name, ind.unit, ownTargets, plan.end_year);
    const next = {
      kind: d.kind,
      unit: d.unit,
      direction: d.direction,
      periodicity: d.periodicity,
      baseline_value_milli: ind.baseline_value_milli ?? d.baselineValueMilli,
      target_value_milli: ind.target_value_milli ?? d.targetValueMilli,
      target_date: ind.target_date ?? d.targetDate,
      responsible_person_id:
        ind.responsible_person_id ?? (ind.action_id ? (firstPilot.get(ind.action_id) ?? null) : null),
    };
    if (diffFields(ind, next).length === 0) continue;
    await trx.updateTable('indicator').set(next).where('id', '=', ind.id).execute();
    updated++;
  }
  return updated;
}
