/**
 * Turning an idea into a plan action in one step: the action is created under
 * the chosen objective with the idea's title, description, SDGs and axis, the
 * idea moves to "turned_into_action" and both point to each other (idea.action_id;
 * the action page asks findIdeaOfAction). The action is inserted here rather
 * than through the plan feature, which has no "create action" service yet.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { canManageIdeas, canTurnIntoAction, isIdeaStatus, MAX_ANSWER_LENGTH } from './ideas';
import { findIdeaRow, listSdgsOfIdeas } from './ideas.queries';
import { actorOf, type IdeaResult } from './ideas.service';
import { applyStatusChange } from './ideas-status.service';
import { findObjectiveOfInstitution } from './ideas-views.queries';

/** Plan actions start "not started" (features/plan ACTION_STATUSES). */
const NEW_ACTION_STATUS = 'not_started';

export async function turnIdeaIntoAction(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
  input: { objectiveId: string; answer?: string },
): Promise<IdeaResult<{ actionId: string }>> {
  if (!canManageIdeas(user)) return { ok: false, error: { code: 'ideas.error.forbidden' } };
  const answer = input.answer?.trim() ? input.answer.trim().slice(0, MAX_ANSWER_LENGTH) : null;
  return db.transaction().execute(async (trx) => {
    const idea = await findIdeaRow(trx, user.institutionId, ideaId);
    if (!idea) return { ok: false, error: { code: 'ideas.error.notFound' } } as const;
    if (!isIdeaStatus(idea.status) || !canTurnIntoAction(idea.status) || idea.action_id || idea.merged_into_id) {
      return { ok: false, error: { code: 'ideas.error.transition' } } as const;
    }
    const objective = await findObjectiveOfInstitution(trx, user.institutionId, input.objectiveId);
    if (!objective) return { ok: false, error: { code: 'ideas.error.objective' } } as const;
    const last = await trx
      .selectFrom('action')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('plan_id', '=', objective.plan_id)
      .executeTakeFirst();
    const actionId = newId();
    const now = nowIso();
    await trx
      .insertInto('action')
      .values({
        id: actionId,
        plan_id: objective.plan_id,
        workstream_id: objective.workstream_id,
        objective_id: objective.id,
        position: Number(last?.position ?? -1) + 1,
        title: idea.title,
        pilot_text: '',
        status: NEW_ACTION_STATUS,
        start_date: null,
        end_date: null,
        fte_milli: null,
        budget_cents: null,
        description: idea.description,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const sdgs = (await listSdgsOfIdeas(trx, [idea.id])).get(idea.id) ?? [];
    if (sdgs.length > 0) {
      await trx
        .insertInto('action_sdg')
        .values(sdgs.map((n) => ({ action_id: actionId, sdg_number: n })))
        .execute();
    }
    if (idea.axis_code) {
      await trx.insertInto('action_axis').values({ action_id: actionId, axis_code: idea.axis_code }).execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'action',
      entityId: actionId,
      operation: 'create',
      // Only fields the action history can name; the link itself is audited on the idea (action_id).
      changes: [
        { field: 'title', before: null, after: idea.title },
        { field: 'status', before: null, after: NEW_ACTION_STATUS },
      ],
    });
    await applyStatusChange(trx, user, idea, 'turned_into_action', answer, { action_id: actionId });
    return { ok: true, value: { actionId } } as const;
  });
}

/** The idea an action came from, for the action page's "from idea" line; undefined when none. */
export function findIdeaOfAction(
  db: Kysely<DB>,
  institutionId: string,
  actionId: string,
): Promise<{ id: string; title: string } | undefined> {
  return db
    .selectFrom('idea')
    .select(['id', 'title'])
    .where('institution_id', '=', institutionId)
    .where('action_id', '=', actionId)
    .orderBy('created_at')
    .executeTakeFirst();
}
