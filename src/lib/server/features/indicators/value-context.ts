/** The indicator a value belongs to, what the user may do with it, and how value operations fail. */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { listTeamIdsOfPerson, type SessionUser } from '../auth';
import type { Result } from '../plan';
import { canEnterValues, canReviewValues, type IndicatorKind, isIndicatorKind } from './indicators';
import { findIndicatorRow, findOwnership, type IndicatorRow } from './indicators.queries';
import { isPeriodicity, type Periodicity } from './periods';
import { MANUAL_SOURCE } from './sources';

export type ValueErrorCode =
  | 'indicators.value.notFound'
  | 'indicators.value.forbidden'
  | 'indicators.value.computed'
  | 'indicators.value.invalidPeriod'
  | 'indicators.value.futurePeriod'
  | 'indicators.value.required'
  | 'indicators.value.invalidNumber'
  | 'indicators.value.invalidChoice'
  | 'indicators.value.tooLong'
  | 'indicators.value.invalidUrl'
  | 'indicators.value.reasonRequired'
  | 'indicators.value.stale'
  | 'indicators.value.wrongState'
  | 'indicators.evidence.empty'
  | 'indicators.evidence.tooLarge'
  | 'indicators.evidence.refused';

export type ValueResult<T> = Result<T, ValueErrorCode>;

export interface ValueContext {
  indicator: IndicatorRow;
  kind: IndicatorKind;
  periodicity: Periodicity;
  /** Its values come from a module (indicator.source is not manual): nobody enters, submits or reviews them. */
  computed: boolean;
  /** The user may enter values, and the indicator takes values by hand. */
  canEnter: boolean;
  canReview: boolean;
}

export const fail = <T>(code: ValueErrorCode, params?: Record<string, string | number>): ValueResult<T> => ({
  ok: false,
  error: params ? { code, params } : { code },
});

/** The indicator and what the user may do with its values; undefined when it is not the user's institution's. */
export async function loadValueContext(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
): Promise<ValueContext | undefined> {
  const indicator = await findIndicatorRow(db, user.institutionId, indicatorId);
  if (!indicator) return undefined;
  const [owner, teams] = await Promise.all([findOwnership(db, indicator), listTeamIdsOfPerson(db, user.personId)]);
  const computed = indicator.source !== MANUAL_SOURCE;
  return {
    indicator,
    kind: isIndicatorKind(indicator.kind) ? indicator.kind : 'number',
    periodicity: isPeriodicity(indicator.periodicity) ? indicator.periodicity : 'year',
    computed,
    canEnter: !computed && canEnterValues(user, owner, teams),
    canReview: canReviewValues(user),
  };
}

/** Why an entry on this indicator is refused: its values are computed, or the user may not enter them. */
export function entryRefusal(ctx: ValueContext | undefined): ValueErrorCode {
  return ctx?.computed ? 'indicators.value.computed' : 'indicators.value.forbidden';
}

/**
 * Runs `work` in a transaction rolled back when it returns a refusal (a bulk
 * entry or an import is all or nothing). A transaction that two writers raced
 * for ends as "someone saved first", never as a crash.
 */
export async function inTransaction<T, C extends string = ValueErrorCode>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<Result<T, C>>,
): Promise<Result<T, C | 'indicators.value.stale'>> {
  const rollback = Symbol('rollback');
  let refused: Result<T, C> | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) {
        refused = result;
        throw rollback;
      }
      return result;
    });
  } catch (e) {
    if (e === rollback && refused) return refused;
    if (isUniqueViolation(e)) return { ok: false, error: { code: 'indicators.value.stale' } };
    throw e;
  }
}
