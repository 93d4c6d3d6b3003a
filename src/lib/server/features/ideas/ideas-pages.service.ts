/**
 * What the idea pages read. The author's name of an anonymous idea never
 * leaves this file: views carry `authorName: null` and the pages write "Anonyme".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
// A leaf module of pure file helpers; the indicators index exports only the check.
import { attachmentHeader, downloadName } from '../indicators/evidence';
import {
  ANSWERED_STATUSES,
  canManageIdeas,
  canTurnIntoAction,
  type IdeaFilters,
  type IdeaStatus,
  isIdeaStatus,
  isShownToOthers,
  nextStatuses,
  visibleAuthorName,
} from './ideas';
import {
  countSupports,
  findAttachment,
  findIdeaRow,
  findIdeaWithAuthor,
  findInstitutionBySlug,
  hasSupported,
  listAttachmentMeta,
  listCommentRows,
  listIdeaRows,
  listIdeaRowsOfAuthor,
  listSdgsOfIdeas,
  listStatusChanges,
} from './ideas.queries';
import { getIdeaSettings } from './ideas-settings.service';
import { listObjectiveOptions, listReportedItemIds } from './ideas-views.queries';

function statusOf(value: string): IdeaStatus {
  if (!isIdeaStatus(value)) throw new Error(`unknown stored idea status ${value}`);
  return value;
}

export interface IdeaListItem {
  id: string;
  title: string;
  status: IdeaStatus;
  /** null: anonymous, shown as "Anonyme". */
  authorName: string | null;
  sdgs: number[];
  axisCode: string | null;
  submittedOn: string;
  supports: number;
}

export async function listIdeas(db: Kysely<DB>, user: SessionUser, filters: IdeaFilters): Promise<IdeaListItem[]> {
  const rows = await listIdeaRows(db, user.institutionId, filters, user.id);
  const sdgs = await listSdgsOfIdeas(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: statusOf(r.status),
    authorName: visibleAuthorName({ anonymous: r.anonymous, authorName: r.author_name }),
    sdgs: sdgs.get(r.id) ?? [],
    axisCode: r.axis_code,
    submittedOn: r.submitted_on,
    supports: Number(r.supports ?? 0),
  }));
}

export interface MyIdea {
  id: string;
  title: string;
  status: IdeaStatus;
  anonymous: boolean;
  publicAnswer: string | null;
  moderationState: string;
  mergedIntoId: string | null;
  actionId: string | null;
  submittedOn: string;
}

/** The user's own ideas with their statuses and answers, whatever their moderation state. */
export async function listMyIdeas(db: Kysely<DB>, user: SessionUser): Promise<MyIdea[]> {
  const rows = await listIdeaRowsOfAuthor(db, user.institutionId, user.id);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: statusOf(r.status),
    anonymous: r.anonymous === 1,
    publicAnswer: r.public_answer,
    moderationState: r.moderation_state,
    mergedIntoId: r.merged_into_id,
    actionId: r.action_id,
    submittedOn: r.submitted_on,
  }));
}

export interface IdeaPage {
  id: string;
  title: string;
  description: string;
  status: IdeaStatus;
  publicAnswer: string | null;
  anonymous: boolean;
  authorName: string | null;
  isMine: boolean;
  sdgs: number[];
  axisCode: string | null;
  submittedOn: string;
  supports: number;
  supportedByMe: boolean;
  reportedByMe: boolean;
  moderationState: string;
  moderationReason: string | null;
  mergedInto: { id: string; title: string } | null;
  action: { id: string; title: string } | null;
  attachments: { id: string; filename: string; byteSize: number }[];
  comments: {
    id: string;
    authorLabel: string;
    body: string;
    createdAt: string;
    moderationState: string;
    reportedByMe: boolean;
    isMine: boolean;
  }[];
  history: { fromStatus: string | null; toStatus: string; answer: string | null; byLabel: string; at: string }[];
  canManage: boolean;
  nextStatuses: readonly IdeaStatus[];
  canTurnIntoAction: boolean;
  /** For the officer's "turn into action" form. */
  objectives: { id: string; label: string }[];
}

/** One idea as the user may read it; undefined when missing, of another institution or hidden from them. */
export async function getIdeaPage(db: Kysely<DB>, user: SessionUser, ideaId: string): Promise<IdeaPage | undefined> {
  const row = await findIdeaWithAuthor(db, user.institutionId, ideaId);
  if (!row) return undefined;
  const manage = canManageIdeas(user);
  const isMine = row.author_user_id === user.id;
  if (!isShownToOthers(row.moderation_state) && !manage && !isMine) return undefined;
  const status = statusOf(row.status);
  const [sdgs, supports, supportedByMe, attachments, comments, history, reported] = await Promise.all([
    listSdgsOfIdeas(db, [row.id]),
    countSupports(db, row.id),
    hasSupported(db, row.id, user.id),
    listAttachmentMeta(db, row.id),
    listCommentRows(db, row.id),
    listStatusChanges(db, row.id),
    listReportedItemIds(db, row.id, user.id),
  ]);
  const merged = row.merged_into_id ? await findIdeaRow(db, user.institutionId, row.merged_into_id) : undefined;
  const action = row.action_id
    ? await db.selectFrom('action').select(['id', 'title']).where('id', '=', row.action_id).executeTakeFirst()
    : undefined;
  const turnable = manage && canTurnIntoAction(status) && row.merged_into_id === null && row.action_id === null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status,
    publicAnswer: row.public_answer,
    anonymous: row.anonymous === 1,
    authorName: visibleAuthorName({ anonymous: row.anonymous, authorName: row.author_name }),
    isMine,
    sdgs: sdgs.get(row.id) ?? [],
    axisCode: row.axis_code,
    submittedOn: row.submitted_on,
    supports,
    supportedByMe,
    reportedByMe: reported.has(`idea:${row.id}`),
    moderationState: row.moderation_state,
    moderationReason: manage || isMine ? row.moderation_reason : null,
    mergedInto: merged ? { id: merged.id, title: merged.title } : null,
    action: action ?? null,
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, byteSize: a.byte_size })),
    comments: comments
      .filter((c) => manage || isShownToOthers(c.moderation_state) || c.author_user_id === user.id)
      .map((c) => ({
        id: c.id,
        authorLabel: c.author_label,
        body: c.body,
        createdAt: c.created_at,
        moderationState: c.moderation_state,
        reportedByMe: reported.has(`comment:${c.id}`),
        isMine: c.author_user_id === user.id,
      })),
    history: history.map((h) => ({
      fromStatus: h.from_status,
      toStatus: h.to_status,
      answer: h.answer,
      byLabel: h.changed_by_label,
      at: h.changed_at,
    })),
    canManage: manage,
    nextStatuses: manage && row.merged_into_id === null ? nextStatuses(status) : [],
    canTurnIntoAction: turnable,
    objectives: turnable ? await listObjectiveOptions(db, user.institutionId) : [],
  };
}

export interface AttachmentDownload {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  contentDisposition: string;
}

/** An attachment of an idea the user may read. */
export async function getIdeaAttachment(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
  attachmentId: string,
): Promise<AttachmentDownload | undefined> {
  const idea = await findIdeaRow(db, user.institutionId, ideaId);
  if (!idea) return undefined;
  if (!isShownToOthers(idea.moderation_state) && !canManageIdeas(user) && idea.author_user_id !== user.id) {
    return undefined;
  }
  const row = await findAttachment(db, ideaId, attachmentId);
  if (!row) return undefined;
  const extension = row.filename.match(/\.([A-Za-z0-9]{1,8})$/)?.[1] ?? 'bin';
  const bytes = new Uint8Array(Buffer.from(row.content_base64, 'base64'));
  return {
    bytes,
    contentType: row.content_type,
    contentDisposition: attachmentHeader(downloadName(row.filename, extension)),
  };
}

export interface PublicIdea {
  id: string;
  title: string;
  description: string;
  status: IdeaStatus;
  publicAnswer: string | null;
  sdgs: number[];
  submittedOn: string;
}

/**
 * The answered ideas of an institution that chose to publish them, for anyone
 * without signing in; undefined when the institution does not exist or keeps
 * its list private. No author name at all, signed or not.
 */
export async function getPublicIdeas(
  db: Kysely<DB>,
  slug: string,
): Promise<{ institutionName: string; ideas: PublicIdea[] } | undefined> {
  const institution = await findInstitutionBySlug(db, slug);
  if (!institution) return undefined;
  const settings = await getIdeaSettings(db, institution.id);
  if (!settings.publicList) return undefined;
  const rows = await db
    .selectFrom('idea')
    .select(['id', 'title', 'description', 'status', 'public_answer', 'submitted_on'])
    .where('institution_id', '=', institution.id)
    .where('moderation_state', '=', 'visible')
    .where('merged_into_id', 'is', null)
    .where('status', 'in', [...ANSWERED_STATUSES])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const sdgs = await listSdgsOfIdeas(
    db,
    rows.map((r) => r.id),
  );
  return {
    institutionName: institution.name,
    ideas: rows.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      status: statusOf(r.status),
      publicAnswer: r.public_answer,
      sdgs: sdgs.get(r.id) ?? [],
      submittedOn: r.submitted_on,
    })),
  };
}
