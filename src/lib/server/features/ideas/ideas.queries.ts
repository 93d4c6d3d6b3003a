import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { IdeaFilters } from './ideas';
import type { IdeaCommentTable, IdeaStatusChangeTable, IdeaTable } from './ideas.table';

export type IdeaRow = Selectable<IdeaTable>;

export async function insertIdea(db: Kysely<DB>, row: Insertable<IdeaTable>): Promise<void> {
  await db.insertInto('idea').values(row).execute();
}

export async function insertIdeaSdgs(db: Kysely<DB>, ideaId: string, sdgs: readonly number[]): Promise<void> {
  if (sdgs.length === 0) return;
  await db
    .insertInto('idea_sdg')
    .values(sdgs.map((n) => ({ idea_id: ideaId, sdg_number: n })))
    .execute();
}

export function findIdeaRow(db: Kysely<DB>, institutionId: string, id: string): Promise<IdeaRow | undefined> {
  return db
    .selectFrom('idea')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The idea with its author's display name (the caller decides whether it may be shown). */
export function findIdeaWithAuthor(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('idea')
    .leftJoin('app_user', 'app_user.id', 'idea.author_user_id')
    .selectAll('idea')
    .select('app_user.display_name as author_name')
    .where('idea.institution_id', '=', institutionId)
    .where('idea.id', '=', id)
    .executeTakeFirst();
}

/**
 * The institution's ideas for the list: visible and not merged (the author's
 * own only with `mine`), with their supports counted in the same query.
 */
export function listIdeaRows(db: Kysely<DB>, institutionId: string, filters: IdeaFilters, userId: string) {
  let query = db
    .selectFrom('idea')
    .leftJoin('app_user', 'app_user.id', 'idea.author_user_id')
    .select([
      'idea.id',
      'idea.title',
      'idea.status',
      'idea.anonymous',
      'idea.axis_code',
      'idea.submitted_on',
      'idea.created_at',
      'app_user.display_name as author_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('idea_support')
        .whereRef('idea_support.idea_id', '=', 'idea.id')
        .select(eb.fn.countAll<number | string>().as('n'))
        .as('supports'),
    )
    .where('idea.institution_id', '=', institutionId)
    .where('idea.moderation_state', '=', 'visible')
    .where('idea.merged_into_id', 'is', null);
  if (filters.status) query = query.where('idea.status', '=', filters.status);
  if (filters.axis) query = query.where('idea.axis_code', '=', filters.axis);
  if (filters.mine) query = query.where('idea.author_user_id', '=', userId);
  if (filters.sdg !== undefined) {
    const sdg = filters.sdg;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('idea_sdg')
          .select('idea_sdg.idea_id')
          .whereRef('idea_sdg.idea_id', '=', 'idea.id')
          .where('idea_sdg.sdg_number', '=', sdg),
      ),
    );
  }
  if (filters.sort === 'supports') query = query.orderBy('supports', 'desc');
  return query.orderBy('idea.created_at', 'desc').orderBy('idea.id', 'desc').limit(500).execute();
}

/** Every idea of one author (their "My ideas" page), hidden and merged ones included. */
export function listIdeaRowsOfAuthor(db: Kysely<DB>, institutionId: string, userId: string) {
  return db
    .selectFrom('idea')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('author_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function listSdgsOfIdeas(db: Kysely<DB>, ideaIds: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (ideaIds.length === 0) return out;
  // Lists are capped at 500 ideas: well under SQLite's variable limit.
  const rows = await db
    .selectFrom('idea_sdg')
    .select(['idea_id', 'sdg_number'])
    .where('idea_id', 'in', [...ideaIds])
    .orderBy('sdg_number')
    .execute();
  for (const r of rows) out.set(r.idea_id, [...(out.get(r.idea_id) ?? []), Number(r.sdg_number)]);
  return out;
}

export async function countSupports(db: Kysely<DB>, ideaId: string): Promise<number> {
  const row = await db
    .selectFrom('idea_support')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('idea_id', '=', ideaId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasSupported(db: Kysely<DB>, ideaId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('idea_support')
    .select('idea_id')
    .where('idea_id', '=', ideaId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the support was added; false when this person already supported the idea (primary key). */
export async function insertSupport(db: Kysely<DB>, ideaId: string, userId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('idea_support')
    .values({ idea_id: ideaId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['idea_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteSupport(db: Kysely<DB>, ideaId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('idea_support')
    .where('idea_id', '=', ideaId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertComment(db: Kysely<DB>, row: Insertable<IdeaCommentTable>): Promise<void> {
  await db.insertInto('idea_comment').values(row).execute();
}

export function listCommentRows(db: Kysely<DB>, ideaId: string) {
  return db
    .selectFrom('idea_comment')
    .selectAll()
    .where('idea_id', '=', ideaId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A comment with its idea's institution checked. */
export function findCommentRow(db: Kysely<DB>, institutionId: string, commentId: string) {
  return db
    .selectFrom('idea_comment')
    .innerJoin('idea', 'idea.id', 'idea_comment.idea_id')
    .selectAll('idea_comment')
    .where('idea.institution_id', '=', institutionId)
    .where('idea_comment.id', '=', commentId)
    .executeTakeFirst();
}

export async function insertStatusChange(db: Kysely<DB>, row: Insertable<IdeaStatusChangeTable>): Promise<void> {
  await db.insertInto('idea_status_change').values(row).execute();
}

export function listStatusChanges(db: Kysely<DB>, ideaId: string) {
  return db
    .selectFrom('idea_status_change')
    .selectAll()
    .where('idea_id', '=', ideaId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

/** Attachments without their bytes. */
export function listAttachmentMeta(db: Kysely<DB>, ideaId: string) {
  return db
    .selectFrom('idea_attachment')
    .select(['id', 'filename', 'content_type', 'byte_size'])
    .where('idea_id', '=', ideaId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Kysely<DB>, ideaId: string, attachmentId: string) {
  return db
    .selectFrom('idea_attachment')
    .selectAll()
    .where('idea_id', '=', ideaId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export function findIdeaSettingsRow(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('idea_settings').selectAll().where('institution_id', '=', institutionId).executeTakeFirst();
}

export function findInstitutionBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('institution').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}
