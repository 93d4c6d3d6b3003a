import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { canReviewValues, chooseYear, listIndicatorIdsOfPerson } from '../indicators';
import { findPerson, listPilotedActions } from '../people';
import { getInstitutionProgress, rollUp } from '../progress';
import { entersValues, isPastEnd, type MyWork, updatesDue } from './my-work';
import { listLatestStateChanges, listOpenValues, listValuesToValidate, type OpenValueRow } from './my-work.queries';

/** How many values the officer's queue lists; the total is always given. */
export const TO_VALIDATE_SHOWN = 50;

const reviewed = (v: OpenValueRow) => ({
  valueId: v.id,
  indicatorId: v.indicatorId,
  indicatorName: v.indicatorName,
  kind: v.kind,
  unit: v.unit,
  period: v.period,
  valueMilli: v.valueMilli,
  valueText: v.valueText,
});

/**
 * The "my work" page of a signed-in user, on `today` (ISO date): the actions
 * their person pilots (directly or through a team), the indicators they
 * answer for with the updates due or overdue, the values returned to them or
 * waiting for validation, and the status of those indicators. A user whose
 * account is linked to no person gets `{ linked: false }`.
 */
export async function getMyWork(
  db: Kysely<DB>,
  user: SessionUser,
  today: string = nowIso().slice(0, 10),
): Promise<MyWork> {
  const [person, toValidate] = await Promise.all([
    user.personId ? findPerson(db, user.institutionId, user.personId) : undefined,
    canReviewValues(user) ? listValuesToValidate(db, user.institutionId, TO_VALIDATE_SHOWN) : null,
  ]);
  if (!person) return { linked: false, toValidate };

  const [actions, indicatorIds, progress] = await Promise.all([
    listPilotedActions(db, user.institutionId, person.id),
    listIndicatorIdsOfPerson(db, user.institutionId, user),
    getInstitutionProgress(db, user.institutionId, today),
  ]);
  const mine = new Set(indicatorIds);
  const indicators = progress.indicators.filter((i) => mine.has(i.id));
  const open = await listOpenValues(
    db,
    indicators.map((i) => i.id),
  );
  const changes = await listLatestStateChanges(
    db,
    open.filter((v) => v.state !== 'draft'),
  );
  const pending = new Map(
    open.flatMap((v) => (v.state === 'submitted' ? [] : [[`${v.indicatorId}|${v.period}`, v.state] as const])),
  );
  const summary = rollUp(indicators);

  return {
    linked: true,
    toValidate,
    person: { id: person.id, displayName: person.display_name },
    entersValues: entersValues(user.role),
    bulkYear: chooseYear(undefined, today),
    actions: actions.map((a) => ({ ...a, pastEnd: isPastEnd(a, today) })),
    updates: updatesDue(indicators, (id, period) => pending.get(`${id}|${period}`) ?? null, today),
    returned: open
      .filter((v) => v.state === 'returned')
      .map((v) => {
        const change = changes.get(`${v.id}|returned`);
        return {
          ...reviewed(v),
          reason: v.returnReason,
          returnedBy: change?.actorLabel ?? null,
          returnedAt: change?.at ?? v.reviewedAt,
        };
      }),
    submitted: open
      .filter((v) => v.state === 'submitted')
      .map((v) => ({ ...reviewed(v), submittedAt: changes.get(`${v.id}|submitted`)?.at ?? v.enteredAt })),
    indicatorCount: summary.indicatorCount,
    statusCounts: summary.statusCounts,
  };
}
