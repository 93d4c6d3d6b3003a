import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
// A leaf module of pure file helpers (no imports but plan-import's byte readers); the indicators index exports only its check.
import { cleanFilename, sha256Hex } from '../indicators/evidence';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_MB,
  canManageIdeas,
  commentSchema,
  isShownToOthers,
  MAX_ATTACHMENTS,
  type SubmitIdeaInput,
  submitIdeaSchema,
} from './ideas';
import {
  deleteSupport,
  findIdeaRow,
  type IdeaRow,
  insertComment,
  insertIdea,
  insertIdeaSdgs,
  insertStatusChange,
  insertSupport,
} from './ideas.queries';

export type IdeaResult<T = { id: string }> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; params?: Record<string, string | number> } };

const fail = (code: string, params?: Record<string, string | number>) =>
  ({ ok: false, error: params ? { code, params } : { code } }) as const;

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, label: user.displayName };
}

/** The audit actor of an author's own act on an anonymous idea: no name, no account (the idea row keeps it). */
function authorActor(user: SessionUser, anonymous: boolean): Actor {
  return anonymous ? { userId: null, label: 'anonymous' } : actorOf(user);
}

/**
 * An idea the user may see: visible to all, or any state to the officer and
 * to its author. Undefined otherwise, like a missing one.
 */
export async function findReadableIdea(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
): Promise<IdeaRow | undefined> {
  const row = await findIdeaRow(db, user.institutionId, ideaId);
  if (!row) return undefined;
  if (isShownToOthers(row.moderation_state) || canManageIdeas(user) || row.author_user_id === user.id) return row;
  return undefined;
}

export interface UploadedAttachment {
  filename: string;
  bytes: Uint8Array;
}

const FIELD_CODES: Record<string, string> = {
  title: 'ideas.error.title',
  description: 'ideas.error.description',
  sdgs: 'ideas.error.sdgs',
  axisCode: 'ideas.error.axis',
  anonymous: 'ideas.error.title',
};

/**
 * Submits an idea, signed or anonymous, with its SDGs, axis and attachments
 * (PDF, PNG, JPEG, ODT or DOCX, checked from their bytes). Status "received",
 * recorded in the history without a name.
 */
export async function submitIdea(
  db: Kysely<DB>,
  user: SessionUser,
  input: SubmitIdeaInput,
  attachments: readonly UploadedAttachment[] = [],
): Promise<IdeaResult> {
  const parsed = submitIdeaSchema.safeParse(input);
  if (!parsed.success) return fail(FIELD_CODES[String(parsed.error.issues[0]?.path[0])] ?? 'ideas.error.title');
  const idea = parsed.data;
  if (idea.axisCode) {
    const axis = await db.selectFrom('plan_axis').select('code').where('code', '=', idea.axisCode).executeTakeFirst();
    if (!axis) return fail('ideas.error.axis');
  }
  if (attachments.length > MAX_ATTACHMENTS) return fail('ideas.error.tooManyAttachments', { max: MAX_ATTACHMENTS });
  const files: { filename: string; contentType: string; bytes: Uint8Array }[] = [];
  for (const file of attachments) {
    const checked = checkEvidenceFile(file.bytes, ATTACHMENT_MAX_MB);
    if (!checked.ok && checked.error.code === 'indicators.evidence.tooLarge') {
      return fail('ideas.error.attachmentTooLarge', { maxMb: ATTACHMENT_MAX_MB, file: cleanFilename(file.filename) });
    }
    if (!checked.ok || !(ATTACHMENT_EXTENSIONS as readonly string[]).includes(checked.value.extension)) {
      return fail('ideas.error.attachmentType', { file: cleanFilename(file.filename) });
    }
    files.push({ filename: cleanFilename(file.filename), contentType: checked.value.contentType, bytes: file.bytes });
  }
  const id = newId();
  const now = nowIso();
  const sdgs = [...new Set(idea.sdgs)].sort((a, b) => a - b);
  await db.transaction().execute(async (trx) => {
    await insertIdea(trx, {
      id,
      institution_id: user.institutionId,
      title: idea.title,
      description: idea.description,
      anonymous: idea.anonymous ? 1 : 0,
      author_user_id: user.id,
      axis_code: idea.axisCode ?? null,
      status: 'received',
      public_answer: null,
      moderation_state: 'visible',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      merged_into_id: null,
      action_id: null,
      submitted_on: now.slice(0, 10),
      created_at: now,
      updated_at: now,
    });
    await insertIdeaSdgs(trx, id, sdgs);
    for (const f of files) {
      await trx
        .insertInto('idea_attachment')
        .values({
          id: newId(),
          idea_id: id,
          filename: f.filename,
          content_type: f.contentType,
          byte_size: f.bytes.byteLength,
          sha256: sha256Hex(f.bytes),
          content_base64: Buffer.from(f.bytes).toString('base64'),
          created_at: now,
        })
        .execute();
    }
    await insertStatusChange(trx, {
      id: newId(),
      idea_id: id,
      from_status: null,
      to_status: 'received',
      answer: null,
      changed_by: null,
      changed_by_label: '',
      changed_at: now,
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: authorActor(user, idea.anonymous),
      entityType: 'idea',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'title', before: null, after: idea.title },
        { field: 'anonymous', before: null, after: idea.anonymous ? '1' : '0' },
        { field: 'sdgs', before: null, after: sdgs.join(',') },
        { field: 'attachments', before: null, after: String(files.length) },
      ],
    });
  });
  return { ok: true, value: { id } };
}

/** Whether people may still support, comment or report: shown to others and not merged away. */
function isOpen(row: IdeaRow): boolean {
  return isShownToOthers(row.moderation_state) && row.merged_into_id === null;
}

/** Supports an idea once; a second support is refused, as is supporting one's own idea. */
export async function supportIdea(db: Kysely<DB>, user: SessionUser, ideaId: string): Promise<IdeaResult<null>> {
  const row = await findReadableIdea(db, user, ideaId);
  if (!row) return fail('ideas.error.notFound');
  if (!isOpen(row)) return fail('ideas.error.notOpen');
  if (row.author_user_id === user.id) return fail('ideas.error.ownIdea');
  return db.transaction().execute(async (trx) => {
    if (!(await insertSupport(trx, ideaId, user.id, nowIso()))) return fail('ideas.error.alreadySupported');
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'idea',
      entityId: ideaId,
      operation: 'update',
      changes: [{ field: 'support', before: null, after: 'added' }],
    });
    return { ok: true, value: null } as const;
  });
}

export async function withdrawSupport(db: Kysely<DB>, user: SessionUser, ideaId: string): Promise<IdeaResult<null>> {
  const row = await findReadableIdea(db, user, ideaId);
  if (!row) return fail('ideas.error.notFound');
  return db.transaction().execute(async (trx) => {
    if (!(await deleteSupport(trx, ideaId, user.id))) return fail('ideas.error.notSupported');
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'idea',
      entityId: ideaId,
      operation: 'update',
      changes: [{ field: 'support', before: 'added', after: null }],
    });
    return { ok: true, value: null } as const;
  });
}

/** A signed comment on an open idea. */
export async function commentIdea(
  db: Kysely<DB>,
  user: SessionUser,
  ideaId: string,
  body: string,
): Promise<IdeaResult> {
  const parsed = commentSchema.safeParse(body);
  if (!parsed.success) return fail('ideas.error.comment');
  const row = await findReadableIdea(db, user, ideaId);
  if (!row) return fail('ideas.error.notFound');
  if (!isOpen(row)) return fail('ideas.error.notOpen');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertComment(trx, {
      id,
      idea_id: ideaId,
      author_user_id: user.id,
      author_label: user.displayName,
      body: parsed.data,
      moderation_state: 'visible',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: nowIso(),
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'idea_comment',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'idea_id', before: null, after: ideaId }],
    });
  });
  return { ok: true, value: { id } };
}
