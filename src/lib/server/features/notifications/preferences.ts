import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { canReceiveDigest, DEFAULT_PREFERENCES, type NotificationPreferences } from './notifications';

/** A user's notification choices; without a saved row, everything is on. */
export async function getPreferences(db: Kysely<DB>, userId: string): Promise<NotificationPreferences> {
  const row = await db
    .selectFrom('notification_preference')
    .select(['reminders', 'weekly_digest'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { reminders: Boolean(row.reminders), weeklyDigest: Boolean(row.weekly_digest) }
    : { ...DEFAULT_PREFERENCES };
}

/** The preferences form: a checkbox sends "on" when ticked and nothing otherwise. */
export const preferencesFormSchema = z.object({
  reminders: z.literal('on').optional(),
  weeklyDigest: z.literal('on').optional(),
});

/**
 * Saves a user's choices. The digest goes to administrators only, so another
 * user's digest choice is kept as it was (their form has no such box).
 */
export async function updatePreferences(
  db: Kysely<DB>,
  user: SessionUser,
  input: z.infer<typeof preferencesFormSchema>,
): Promise<NotificationPreferences> {
  const current = await getPreferences(db, user.id);
  const next: NotificationPreferences = {
    reminders: input.reminders === 'on',
    weeklyDigest: canReceiveDigest(user) ? input.weeklyDigest === 'on' : current.weeklyDigest,
  };
  const values = {
    reminders: next.reminders ? 1 : 0,
    weekly_digest: next.weeklyDigest ? 1 : 0,
    updated_at: nowIso(),
  };
  await db
    .insertInto('notification_preference')
    .values({ user_id: user.id, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return next;
}

/** Users who turned a kind of message off. */
export async function listOptedOutUserIds(db: Kysely<DB>, column: 'reminders' | 'weekly_digest'): Promise<Set<string>> {
  const rows = await db.selectFrom('notification_preference').select('user_id').where(column, '=', 0).execute();
  return new Set(rows.map((r) => r.user_id));
}

export interface SentNotification {
  id: string;
  kind: string;
  subject: string;
  recipient: string;
  sentAt: string;
}

/** The latest messages sent to a user, newest first. */
export async function listRecentNotifications(db: Kysely<DB>, userId: string, limit = 10): Promise<SentNotification[]> {
  const rows = await db
    .selectFrom('notification_sent')
    .select(['id', 'kind', 'subject', 'recipient', 'sent_at'])
    .where('user_id', '=', userId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, subject: r.subject, recipient: r.recipient, sentAt: r.sent_at }));
}

export interface NotificationSettingsPage {
  preferences: NotificationPreferences;
  receivesDigest: boolean;
  recent: SentNotification[];
}

/** Everything the "my notifications" page shows. */
export async function getNotificationSettingsPage(
  db: Kysely<DB>,
  user: SessionUser,
): Promise<NotificationSettingsPage> {
  const [preferences, recent] = await Promise.all([getPreferences(db, user.id), listRecentNotifications(db, user.id)]);
  return { preferences, receivesDigest: canReceiveDigest(user), recent };
}
