import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { enqueueIdeaStatusMail } from '../notifications';
import { canManageIdeas, checkStatusChange, type IdeaStatus, isIdeaStatus, statusChangeSchema } from './ideas';
import { findIdeaRow, type IdeaRow, insertStatusChange } from './ideas.queries';
import { actorOf, type IdeaResult } from './ideas.service';

const fail = (code: string) => ({ ok: false, error: { code } }) as const;

/**
 * Moves an idea to a new status inside `trx`: the idea, its history, the
 * audit and the author's mail job. The caller has checked the transition.
 */
export async function applyStatusChange(
  trx: Kysely<DB>,
  user: SessionUser,
  row: IdeaRow,
  to: IdeaStatus,
  answer: string | null,
  extra: { action_id?: string } = {},
): Promise<void> {
  const now = new Date();
  const at = now.toISOString();
  const changeId = newId();
  await trx
    .updateTable('idea')
    .set({ status: to, public_answer: answer ?? row.public_answer, updated_at: at, ...extra })
    .where('id', '=', row.id)
    .execute();
  await insertStatusChange(trx, {
    id: changeId,
    idea_id: row.id,
    from_status: row.status,
    to_status: to,
    answer,
    changed_by: user.id,
    changed_by_label: user.displayName,
    changed_at: at,
  });
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: actorOf(user),
    entityType: 'idea',
    entityId: row.id,
    operation: 'update',
    changes: [
      { field: 'status', before: row.status, after: to },
      ...(answer !== null ? [{ field: 'public_answer', before: row.public_answer, after: answer }] : []),
      ...(extra.action_id ? [{ field: 'action_id', before: row.action_id, after: extra.action_id }] : []),
    ],
  });
  if (row.author_user_id) await enqueueIdeaStatusMail(trx, changeId, now);
}

/** The officer moves an idea along the workflow; accepting and rejecting need a public answer. */
export async function changeIdeaStatus(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
  input: { to: string; answer?: string },
): Promise<IdeaResult<null>> {
  if (!canManageIdeas(user)) return fail('ideas.error.forbidden');
  const parsed = statusChangeSchema.safeParse(input);
  if (!parsed.success) return fail(isIdeaStatus(input.to) ? 'ideas.error.answer' : 'ideas.error.transition');
  const answer = parsed.data.answer ?? null;
  return db.transaction().execute(async (trx) => {
    const row = await findIdeaRow(trx, user.institutionId, ideaId);
    if (!row) return fail('ideas.error.notFound');
    if (!isIdeaStatus(row.status)) throw new Error(`idea ${row.id}: unknown stored status ${row.status}`);
    const check = checkStatusChange(row.status, parsed.data.to, answer);
    if (!check.ok) return check;
    await applyStatusChange(trx, user, row, parsed.data.to, answer);
    return { ok: true, value: null } as const;
  });
}
