import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { canManageIdeas, DEFAULT_REPORT_THRESHOLD, ideaSettingsSchema } from './ideas';
import { findIdeaSettingsRow } from './ideas.queries';

export interface IdeaSettings {
  /** Unreviewed reports that hide an idea or a comment until a moderator decides. */
  reportThreshold: number;
  /** Answered ideas listed at /public/<slug>/ideas. Off by default. */
  publicList: boolean;
}

/** The institution's settings; defaults (3 reports, private list) without a row. */
export async function getIdeaSettings(db: Kysely<DB>, institutionId: string): Promise<IdeaSettings> {
  const row = await findIdeaSettingsRow(db, institutionId);
  return row
    ? { reportThreshold: Number(row.report_threshold), publicList: row.public_list === 1 }
    : { reportThreshold: DEFAULT_REPORT_THRESHOLD, publicList: false };
}

/** The officer changes the report threshold and whether answered ideas are public; audited. */
export async function updateIdeaSettings(
  db: Kysely<DB>,
  user: SessionUser,
  input: { reportThreshold: unknown; publicList: boolean },
): Promise<{ ok: true } | { ok: false; error: { code: 'ideas.error.forbidden' | 'ideas.error.threshold' } }> {
  if (!canManageIdeas(user)) return { ok: false, error: { code: 'ideas.error.forbidden' } };
  const parsed = ideaSettingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'ideas.error.threshold' } };
  const next = parsed.data;
  await db.transaction().execute(async (trx) => {
    const before = await getIdeaSettings(trx, user.institutionId);
    const exists = (await findIdeaSettingsRow(trx, user.institutionId)) !== undefined;
    const values = {
      report_threshold: next.reportThreshold,
      public_list: next.publicList ? 1 : 0,
      updated_by: user.id,
      updated_at: nowIso(),
    };
    if (exists) {
      await trx.updateTable('idea_settings').set(values).where('institution_id', '=', user.institutionId).execute();
    } else {
      await trx
        .insertInto('idea_settings')
        .values({ institution_id: user.institutionId, ...values })
        .execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'idea_settings',
      entityId: user.institutionId,
      operation: 'update',
      changes: [
        { field: 'report_threshold', before: String(before.reportThreshold), after: String(next.reportThreshold) },
        { field: 'public_list', before: before.publicList ? '1' : '0', after: next.publicList ? '1' : '0' },
      ],
    });
  });
  return { ok: true };
}

/** The settings page: the settings and the institution's slug (for the public list's address); officer only. */
export async function getIdeaSettingsPage(
  db: Kysely<DB>,
  user: SessionUser,
): Promise<{ settings: IdeaSettings; slug: string } | undefined> {
  if (!canManageIdeas(user)) return undefined;
  const institution = await db
    .selectFrom('institution')
    .select('slug')
    .where('id', '=', user.institutionId)
    .executeTakeFirstOrThrow();
  return { settings: await getIdeaSettings(db, user.institutionId), slug: institution.slug };
}
