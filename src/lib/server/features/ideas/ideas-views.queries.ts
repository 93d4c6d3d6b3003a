import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Which items of an idea (the idea, its comments) this user has reported: `idea:<id>`, `comment:<id>`. */
export async function listReportedItemIds(db: Kysely<DB>, ideaId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('idea_report')
    .select(['item_kind', 'item_id'])
    .where('idea_id', '=', ideaId)
    .where('reporter_user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => `${r.item_kind}:${r.item_id}`));
}

/** Every objective of the institution's plans, labelled "plan › workstream › objective", in plan order. */
export async function listObjectiveOptions(
  db: Kysely<DB>,
  institutionId: string,
): Promise<{ id: string; label: string }[]> {
  const rows = await db
    .selectFrom('objective')
    .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
    .innerJoin('plan', 'plan.id', 'workstream.plan_id')
    .select(['objective.id', 'objective.title', 'workstream.title as workstream_title', 'plan.title as plan_title'])
    .where('plan.institution_id', '=', institutionId)
    .orderBy('plan.created_at', 'desc')
    .orderBy('plan.id')
    .orderBy('workstream.position')
    .orderBy('objective.position')
    .execute();
  return rows.map((r) => ({ id: r.id, label: `${r.plan_title} › ${r.workstream_title} › ${r.title}` }));
}

/** An objective of the institution with what a new action under it needs. */
export function findObjectiveOfInstitution(db: Kysely<DB>, institutionId: string, objectiveId: string) {
  return db
    .selectFrom('objective')
    .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
    .innerJoin('plan', 'plan.id', 'workstream.plan_id')
    .select(['objective.id', 'workstream.id as workstream_id', 'plan.id as plan_id'])
    .where('plan.institution_id', '=', institutionId)
    .where('objective.id', '=', objectiveId)
    .executeTakeFirst();
}

/** Unreviewed reports counted per item, for the automatic hiding. */
export async function countOpenReports(db: Kysely<DB>, itemKind: string, itemId: string): Promise<number> {
  const row = await db
    .selectFrom('idea_report')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('item_kind', '=', itemKind)
    .where('item_id', '=', itemId)
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The moderation queue: hidden or pending ideas and comments, and visible ones with open reports. */
export async function listModerationRows(db: Kysely<DB>, institutionId: string) {
  const openReports = (kind: 'idea' | 'comment') =>
    db
      .selectFrom('idea_report')
      .select(['item_id'])
      .select((eb) => eb.fn.countAll<number | string>().as('reports'))
      .where('institution_id', '=', institutionId)
      .where('item_kind', '=', kind)
      .where('reviewed_at', 'is', null)
      .groupBy('item_id');
  const ideas = await db
    .selectFrom('idea')
    .leftJoin(openReports('idea').as('r'), 'r.item_id', 'idea.id')
    .select([
      'idea.id',
      'idea.title',
      'idea.moderation_state',
      'idea.moderation_reason',
      'idea.merged_into_id',
      'r.reports',
    ])
    .where('idea.institution_id', '=', institutionId)
    .where((eb) => eb.or([eb('idea.moderation_state', '!=', 'visible'), eb('r.reports', 'is not', null)]))
    .orderBy('idea.updated_at', 'desc')
    .orderBy('idea.id')
    .limit(200)
    .execute();
  const comments = await db
    .selectFrom('idea_comment')
    .innerJoin('idea', 'idea.id', 'idea_comment.idea_id')
    .leftJoin(openReports('comment').as('r'), 'r.item_id', 'idea_comment.id')
    .select([
      'idea_comment.id',
      'idea_comment.idea_id',
      'idea.title as idea_title',
      'idea_comment.author_label',
      'idea_comment.body',
      'idea_comment.moderation_state',
      'idea_comment.moderation_reason',
      'r.reports',
    ])
    .where('idea.institution_id', '=', institutionId)
    .where((eb) => eb.or([eb('idea_comment.moderation_state', '!=', 'visible'), eb('r.reports', 'is not', null)]))
    .orderBy('idea_comment.created_at', 'desc')
    .orderBy('idea_comment.id')
    .limit(200)
    .execute();
  return { ideas, comments };
}

/** Ideas an idea may be merged into: visible, not merged, not itself. */
export function listMergeTargets(db: Kysely<DB>, institutionId: string, exceptId: string) {
  return db
    .selectFrom('idea')
    .select(['id', 'title'])
    .where('institution_id', '=', institutionId)
    .where('merged_into_id', 'is', null)
    .where('id', '!=', exceptId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(300)
    .execute();
}
