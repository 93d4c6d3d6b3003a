/**
 * The life of a value once entered: the pilot submits it, the officer
 * validates it or returns it with a reason. A transition changes the state of
 * the current version in place; each one goes to the audit trail, which is
 * where the history reads who submitted, validated or returned, and when.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { MAX_TEXT_LENGTH, type ValueState } from './indicators';
import { inTransaction, loadValueContext, type ValueResult } from './value-context';
import { findCurrentValue } from './values.service';

export interface ValueRef {
  indicatorId: string;
  period: string;
  /** Version the user saw; omitted: the current one, whatever it is. */
  expectedVersion?: number;
}

export interface Transition {
  from: readonly ValueState[];
  to: ValueState;
  /** The officer's decision (validate, return) rather than the pilot's (submit). */
  review: boolean;
  reason?: string | null;
}

/** Applies a state change inside the caller's transaction, once the permission is checked. */
export async function applyTransition(
  trx: Kysely<DB>,
  user: SessionUser,
  ref: ValueRef,
  rule: Transition,
): Promise<ValueResult<{ version: number }>> {
  const current = await findCurrentValue(trx, ref.indicatorId, ref.period);
  if (!current) return { ok: false, error: { code: 'indicators.value.notFound' } };
  if (ref.expectedVersion !== undefined && current.version !== ref.expectedVersion) {
    return { ok: false, error: { code: 'indicators.value.stale' } };
  }
  if (!(rule.from as readonly string[]).includes(current.state)) {
    return { ok: false, error: { code: 'indicators.value.wrongState' } };
  }
  const at = nowIso();
  const updated = await trx
    .updateTable('indicator_value')
    .set({
      state: rule.to,
      return_reason: rule.to === 'returned' ? (rule.reason ?? null) : null,
      ...(rule.review ? { reviewed_by: user.id, reviewed_at: at } : {}),
    })
    .where('id', '=', current.id)
    .where('is_current', '=', 1)
    .where('state', '=', current.state)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: { code: 'indicators.value.stale' } };
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: { userId: user.id, label: user.displayName },
    entityType: 'indicator_value',
    entityId: current.id,
    operation: 'update',
    changes: [
      { field: 'state', before: current.state, after: rule.to },
      ...(rule.reason ? [{ field: 'return_reason', before: null, after: rule.reason }] : []),
    ],
  });
  return { ok: true, value: { version: current.version } };
}

async function transition(
  db: Kysely<DB>,
  user: SessionUser,
  ref: ValueRef,
  rule: Transition,
): Promise<ValueResult<{ version: number }>> {
  const ctx = await loadValueContext(db, user, ref.indicatorId);
  if (!ctx) return { ok: false, error: { code: 'indicators.value.notFound' } };
  // A computed value stands on the module's records: it is corrected there, not submitted or returned.
  if (ctx.computed) return { ok: false, error: { code: 'indicators.value.computed' } };
  if (!(rule.review ? ctx.canReview : ctx.canEnter))
    return { ok: false, error: { code: 'indicators.value.forbidden' } };
  if (rule.to === 'returned' && !rule.reason) return { ok: false, error: { code: 'indicators.value.reasonRequired' } };
  if ((rule.reason?.length ?? 0) > MAX_TEXT_LENGTH) return { ok: false, error: { code: 'indicators.value.tooLong' } };
  return inTransaction(db, (trx) => applyTransition(trx, user, ref, rule));
}

/** Submitting: the pilot hands over a draft or a value the officer returned. */
export const SUBMIT: Transition = { from: ['draft', 'returned'], to: 'submitted', review: false };

/** The pilot hands a draft (or a returned value) to the officer. */
export function submitValue(db: Kysely<DB>, user: SessionUser, ref: ValueRef) {
  return transition(db, user, ref, SUBMIT);
}

/** The officer accepts a submitted value. */
export function validateValue(db: Kysely<DB>, user: SessionUser, ref: ValueRef) {
  return transition(db, user, ref, { from: ['submitted'], to: 'validated', review: true });
}

/** The officer sends a submitted (or even validated) value back to the pilot, saying why. */
export function returnValue(db: Kysely<DB>, user: SessionUser, ref: ValueRef & { reason: string | null | undefined }) {
  const reason = (ref.reason ?? '').trim() || null;
  return transition(db, user, ref, { from: ['submitted', 'validated'], to: 'returned', review: true, reason });
}
