import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { MailMessage } from './mail-content';
import type { Mailer } from './mailer';
import type { NotificationKind } from './notifications';

export type DeliveryOutcome = 'sent' | 'alreadySent';

/**
 * Sends a message at most once per dedupe key, across processes and restarts.
 * The row in notification_sent is claimed first (the unique key makes the
 * insert a no-op for whoever comes second), then the mail goes out; when
 * sending fails the row is removed so a retry sends it. No transaction is held
 * open during the SMTP exchange: on SQLite it would block every other writer.
 * The price is that a crash between claim and send loses that one message
 * rather than sending it twice.
 */
export async function deliverOnce(
  db: Kysely<DB>,
  mailer: Mailer,
  input: { dedupeKey: string; userId: string | null; kind: NotificationKind; message: MailMessage; now: Date },
): Promise<DeliveryOutcome> {
  const id = newId();
  const claimed = await db
    .insertInto('notification_sent')
    .values({
      id,
      dedupe_key: input.dedupeKey,
      user_id: input.userId,
      kind: input.kind,
      recipient: input.message.to,
      subject: input.message.subject.slice(0, 500),
      sent_at: input.now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return 'alreadySent';
  try {
    await mailer.send(input.message);
  } catch (e) {
    await db.deleteFrom('notification_sent').where('id', '=', id).execute();
    throw e;
  }
  return 'sent';
}
