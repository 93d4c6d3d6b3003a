/**
 * Moderation: reports by anyone (once per person and item, the item hidden
 * automatically at the institution's threshold until reviewed), hiding and
 * showing by the officer with a reason, merging duplicates, and the audited
 * "reveal the author for abuse" of an anonymous idea.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { canManageIdeas, isShownToOthers, optionalReasonSchema, reachesReportThreshold, reasonSchema } from './ideas';
import { findCommentRow, findIdeaRow } from './ideas.queries';
import { actorOf, findReadableIdea, type IdeaResult } from './ideas.service';
import { getIdeaSettings } from './ideas-settings.service';
import { countOpenReports, listMergeTargets, listModerationRows } from './ideas-views.queries';

export type ModeratedItem = { kind: 'idea' | 'comment'; id: string };

const fail = (code: string) => ({ ok: false, error: { code } }) as const;

/** The item and the idea it belongs to, when the user may see both. */
async function findReportable(db: Kysely<DB>, user: SessionUser, item: ModeratedItem) {
  if (item.kind === 'idea') {
    const idea = await findReadableIdea(db, user, item.id);
    return idea ? { ideaId: idea.id, state: idea.moderation_state, table: 'idea' as const } : undefined;
  }
  const comment = await findCommentRow(db, user.institutionId, item.id);
  if (!comment || !(await findReadableIdea(db, user, comment.idea_id))) return undefined;
  if (!isShownToOthers(comment.moderation_state) && !canManageIdeas(user) && comment.author_user_id !== user.id) {
    return undefined;
  }
  return { ideaId: comment.idea_id, state: comment.moderation_state, table: 'idea_comment' as const };
}

/**
 * Reports an idea or a comment (any signed-in user, once per item). When the
 * unreviewed reports reach the threshold, a visible item goes to
 * "pending_review": hidden from others until the officer decides.
 */
export async function reportItem(
  db: Kysely<DB>,
  user: SessionUser,
  item: ModeratedItem,
  reason: string | undefined,
): Promise<IdeaResult<{ hidden: boolean }>> {
  const parsedReason = optionalReasonSchema.safeParse(reason);
  if (!parsedReason.success) return fail('ideas.error.reason');
  const found = await findReportable(db, user, item);
  if (!found) return fail('ideas.error.notFound');
  const { reportThreshold } = await getIdeaSettings(db, user.institutionId);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const inserted = await trx
      .insertInto('idea_report')
      .values({
        id: newId(),
        institution_id: user.institutionId,
        item_kind: item.kind,
        item_id: item.id,
        idea_id: found.ideaId,
        reporter_user_id: user.id,
        reason: parsedReason.data ?? null,
        created_at: now,
        reviewed_at: null,
      })
      .onConflict((oc) => oc.columns(['item_kind', 'item_id', 'reporter_user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return fail('ideas.error.alreadyReported');
    const open = await countOpenReports(trx, item.kind, item.id);
    const hide = found.state === 'visible' && reachesReportThreshold(open, reportThreshold);
    if (hide) {
      await trx
        .updateTable(found.table)
        .set({ moderation_state: 'pending_review', moderation_reason: null, moderated_by: null, moderated_at: now })
        .where('id', '=', item.id)
        .execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: found.table,
      entityId: item.id,
      operation: 'update',
      changes: [
        { field: 'report', before: null, after: String(open) },
        ...(hide ? [{ field: 'moderation_state', before: found.state, after: 'pending_review' }] : []),
      ],
    });
    return { ok: true, value: { hidden: hide } } as const;
  });
}

/** The officer hides or shows an idea or a comment, with a reason; its open reports count as reviewed. */
export async function moderateItem(
  db: Kysely<DB>,
  user: SessionUser,
  item: ModeratedItem,
  decision: 'hide' | 'show',
  reason: string,
): Promise<IdeaResult<null>> {
  if (!canManageIdeas(user)) return fail('ideas.error.forbidden');
  const parsedReason = reasonSchema.safeParse(reason);
  if (!parsedReason.success) return fail('ideas.error.reason');
  return db.transaction().execute(async (trx) => {
    const row =
      item.kind === 'idea'
        ? await findIdeaRow(trx, user.institutionId, item.id)
        : await findCommentRow(trx, user.institutionId, item.id);
    if (!row) return fail('ideas.error.notFound');
    const table = item.kind === 'idea' ? ('idea' as const) : ('idea_comment' as const);
    const now = nowIso();
    const state = decision === 'hide' ? 'hidden' : 'visible';
    await trx
      .updateTable(table)
      .set({ moderation_state: state, moderation_reason: parsedReason.data, moderated_by: user.id, moderated_at: now })
      .where('id', '=', item.id)
      .execute();
    await trx
      .updateTable('idea_report')
      .set({ reviewed_at: now })
      .where('item_kind', '=', item.kind)
      .where('item_id', '=', item.id)
      .where('reviewed_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: table,
      entityId: item.id,
      operation: 'update',
      changes: [
        { field: 'moderation_state', before: row.moderation_state, after: state },
        { field: 'moderation_reason', before: row.moderation_reason, after: parsedReason.data },
      ],
    });
    return { ok: true, value: null } as const;
  });
}

/**
 * Merges a duplicate into another idea: the duplicate points to the target and
 * its supports move there, a person who supported both counted once (and the
 * target's author never made a supporter of their own idea).
 */
export async function mergeIdea(
  db: Kysely<DB>,
  user: SessionUser,
  sourceId: string,
  targetId: string,
): Promise<IdeaResult<null>> {
  if (!canManageIdeas(user)) return fail('ideas.error.forbidden');
  if (sourceId === targetId) return fail('ideas.error.merge');
  return db.transaction().execute(async (trx) => {
    const source = await findIdeaRow(trx, user.institutionId, sourceId);
    const target = await findIdeaRow(trx, user.institutionId, targetId);
    if (!source || !target) return fail('ideas.error.notFound');
    if (source.merged_into_id !== null || target.merged_into_id !== null) return fail('ideas.error.merge');
    const sourceSupports = await trx.selectFrom('idea_support').selectAll().where('idea_id', '=', sourceId).execute();
    const targetSupporters = new Set(
      (await trx.selectFrom('idea_support').select('user_id').where('idea_id', '=', targetId).execute()).map(
        (r) => r.user_id,
      ),
    );
    const moved = sourceSupports.filter((s) => !targetSupporters.has(s.user_id) && s.user_id !== target.author_user_id);
    if (moved.length > 0) {
      await trx
        .insertInto('idea_support')
        .values(moved.map((s) => ({ idea_id: targetId, user_id: s.user_id, created_at: s.created_at })))
        .execute();
    }
    await trx.deleteFrom('idea_support').where('idea_id', '=', sourceId).execute();
    await trx
      .updateTable('idea')
      .set({ merged_into_id: targetId, updated_at: nowIso() })
      .where('id', '=', sourceId)
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'idea',
      entityId: sourceId,
      operation: 'update',
      changes: [
        { field: 'merged_into_id', before: null, after: targetId },
        { field: 'supports_moved', before: String(sourceSupports.length), after: String(moved.length) },
      ],
    });
    return { ok: true, value: null } as const;
  });
}

export interface ModerationQueue {
  reportThreshold: number;
  ideas: { id: string; title: string; state: string; reason: string | null; reports: number; merged: boolean }[];
  comments: {
    id: string;
    ideaId: string;
    ideaTitle: string;
    authorLabel: string;
    body: string;
    state: string;
    reason: string | null;
    reports: number;
  }[];
  mergeTargets: { id: string; title: string }[];
}

/** Hidden, pending and reported items for the officer; undefined for anyone else. */
export async function getModerationQueue(db: Kysely<DB>, user: SessionUser): Promise<ModerationQueue | undefined> {
  if (!canManageIdeas(user)) return undefined;
  const [{ ideas, comments }, settings, targets] = await Promise.all([
    listModerationRows(db, user.institutionId),
    getIdeaSettings(db, user.institutionId),
    listMergeTargets(db, user.institutionId, ''),
  ]);
  return {
    reportThreshold: settings.reportThreshold,
    ideas: ideas.map((r) => ({
      id: r.id,
      title: r.title,
      state: r.moderation_state,
      reason: r.moderation_reason,
      reports: Number(r.reports ?? 0),
      merged: r.merged_into_id !== null,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      ideaId: c.idea_id,
      ideaTitle: c.idea_title,
      authorLabel: c.author_label,
      body: c.body,
      state: c.moderation_state,
      reason: c.moderation_reason,
      reports: Number(c.reports ?? 0),
    })),
    mergeTargets: targets,
  };
}

/**
 * Abuse handling only: the officer reads who wrote an idea, giving a reason
 * that is kept in the audit trail with their name. Nothing else shows it.
 */
export async function revealIdeaAuthor(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
  reason: string,
): Promise<IdeaResult<{ displayName: string; email: string } | null>> {
  if (!canManageIdeas(user)) return fail('ideas.error.forbidden');
  const parsedReason = reasonSchema.safeParse(reason);
  if (!parsedReason.success) return fail('ideas.error.reason');
  return db.transaction().execute(async (trx) => {
    const idea = await findIdeaRow(trx, user.institutionId, ideaId);
    if (!idea) return fail('ideas.error.notFound');
    const author = idea.author_user_id
      ? await trx
          .selectFrom('app_user')
          .select(['display_name', 'email'])
          .where('id', '=', idea.author_user_id)
          .executeTakeFirst()
      : undefined;
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'idea',
      entityId: ideaId,
      operation: 'update',
      changes: [{ field: 'author_revealed', before: null, after: parsedReason.data }],
    });
    return { ok: true, value: author ? { displayName: author.display_name, email: author.email } : null } as const;
  });
}
