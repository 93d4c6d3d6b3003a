import type { Kysely } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';

/** Current values not validated yet: what the person still has to finish, or waits for. */
const OPEN_STATES = ['draft', 'submitted', 'returned'] as const;
export type OpenState = (typeof OPEN_STATES)[number];

export interface OpenValueRow {
  id: string;
  indicatorId: string;
  indicatorName: string;
  kind: string;
  unit: string | null;
  period: string;
  state: OpenState;
  valueMilli: number | null;
  valueText: string | null;
  returnReason: string | null;
  enteredAt: string;
  reviewedAt: string | null;
}

const isOpenState = (s: string): s is OpenState => (OPEN_STATES as readonly string[]).includes(s);

/** The current draft, submitted and returned values of some indicators, newest period first. */
export async function listOpenValues(db: Kysely<DB>, indicatorIds: readonly string[]): Promise<OpenValueRow[]> {
  const out: OpenValueRow[] = [];
  for (const ids of chunk(indicatorIds)) {
    const rows = await db
      .selectFrom('indicator_value')
      .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
      .select([
        'indicator_value.id',
        'indicator_value.indicator_id',
        'indicator.name',
        'indicator.kind',
        'indicator.unit',
        'indicator_value.period',
        'indicator_value.state',
        'indicator_value.value_milli',
        'indicator_value.value_text',
        'indicator_value.return_reason',
        'indicator_value.entered_at',
        'indicator_value.reviewed_at',
      ])
      .where('indicator_value.indicator_id', 'in', ids)
      .where('indicator_value.is_current', '=', 1)
      .where('indicator_value.state', 'in', OPEN_STATES)
      .orderBy('indicator_value.period_start', 'desc')
      .orderBy('indicator.name')
      .execute();
    for (const r of rows) {
      if (!isOpenState(r.state)) continue;
      out.push({
        id: r.id,
        indicatorId: r.indicator_id,
        indicatorName: r.name,
        kind: r.kind,
        unit: r.unit,
        period: r.period,
        state: r.state,
        valueMilli: r.value_milli === null ? null : Number(r.value_milli),
        valueText: r.value_text,
        returnReason: r.return_reason,
        enteredAt: r.entered_at,
        reviewedAt: r.reviewed_at,
      });
    }
  }
  return out;
}

export interface StateChange {
  actorLabel: string;
  at: string;
}

/**
 * The latest move of each value into its current state, read from the
 * history (where value-review writes who submitted or returned, and when),
 * keyed "valueId|state".
 */
export async function listLatestStateChanges(
  db: Kysely<DB>,
  values: readonly { id: string; state: OpenState }[],
): Promise<Map<string, StateChange>> {
  const out = new Map<string, StateChange>();
  for (const part of chunk(values)) {
    const rows = await db
      .selectFrom('audit_event')
      .select(['entity_id', 'after_value', 'actor_label', 'at'])
      .where('entity_type', '=', 'indicator_value')
      .where(
        'entity_id',
        'in',
        part.map((v) => v.id),
      )
      .where('field', '=', 'state')
      .where('after_value', 'in', [...new Set(part.map((v) => v.state))])
      .orderBy('at')
      .orderBy('id')
      .execute();
    // Oldest first: the last write per key is the latest change.
    for (const r of rows) out.set(`${r.entity_id}|${r.after_value}`, { actorLabel: r.actor_label, at: r.at });
  }
  return out;
}

export interface ValueToValidateRow {
  indicatorId: string;
  indicatorName: string;
  planTitle: string;
  period: string;
  enteredBy: string;
  enteredAt: string;
}

/** The officer's queue: the institution's current values waiting for validation, oldest first, and how many. */
export async function listValuesToValidate(
  db: Kysely<DB>,
  institutionId: string,
  limit: number,
): Promise<{ rows: ValueToValidateRow[]; total: number }> {
  const base = db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .where('plan.institution_id', '=', institutionId)
    .where('indicator_value.is_current', '=', 1)
    .where('indicator_value.state', '=', 'submitted');
  const [rows, count] = await Promise.all([
    base
      .select([
        'indicator.id as indicatorId',
        'indicator.name as indicatorName',
        'plan.title as planTitle',
        'indicator_value.period',
        'indicator_value.entered_by_label as enteredBy',
        'indicator_value.entered_at as enteredAt',
      ])
      .orderBy('indicator_value.entered_at')
      .orderBy('indicator_value.id')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
