import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { deliverOnce } from './delivery';
import { enqueueJob, type JobHandlers } from './jobs';
import { type MailMessage, renderHtml, renderText } from './mail-content';
import type { Mailer } from './mailer';
import type { NotificationKind } from './notifications';

/**
 * The mail telling an idea's author that its status changed (features/ideas).
 * One job per status change, queued in the transaction that records it; the
 * mail itself is claimed once in notification_sent, so a retried job never
 * sends it twice. The author's name is only the greeting of their own mail.
 */
export const IDEA_STATUS_MAIL_JOB = 'ideas.status-mail';

/** Kind stored in notification_sent. */
const IDEA_STATUS_KIND = 'idea_status' satisfies NotificationKind;

export const ideaStatusMailJobKey = (statusChangeId: string) => `${IDEA_STATUS_MAIL_JOB}:${statusChangeId}`;

/** Queues the mail of one status change; due at once. */
export async function enqueueIdeaStatusMail(db: Kysely<DB>, statusChangeId: string, now: Date): Promise<void> {
  await enqueueJob(db, {
    kind: IDEA_STATUS_MAIL_JOB,
    dedupeKey: ideaStatusMailJobKey(statusChangeId),
    payload: { statusChangeId },
    runAt: now,
  });
}

export interface IdeaStatusMailInput {
  email: string;
  displayName: string;
  locale: string;
  ideaId: string;
  ideaTitle: string;
  status: string;
  answer: string | null;
}

/** The mail in the author's language (French when none is stored). Pure. */
export function composeIdeaStatusMail(input: IdeaStatusMailInput, baseUrl: string): MailMessage {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'fr';
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const status = t(`ideas.status.${input.status}`);
  const url = `${baseUrl.replace(/\/+$/, '')}/ideas/${encodeURIComponent(input.ideaId)}`;
  const content = {
    subject: t('ideas.mail.subject', { title: input.ideaTitle, status }),
    paragraphs: [
      t('notifications.greeting', { name: input.displayName }),
      t('ideas.mail.intro', { title: input.ideaTitle, status }),
      ...(input.answer ? [t('ideas.mail.answer', { answer: input.answer })] : []),
    ],
    sections: [{ heading: t('ideas.mail.linkHeading'), lines: [{ text: input.ideaTitle, url }] }],
    footer: [
      { text: t('ideas.mail.why') },
      { text: t('ideas.mail.mine'), url: `${baseUrl.replace(/\/+$/, '')}/ideas/mine` },
    ],
  };
  return { to: input.email, subject: content.subject, text: renderText(content), html: renderHtml(content, locale) };
}

const payloadSchema = z.object({ statusChangeId: z.string().min(1) });

export function ideasJobHandlers(db: Kysely<DB>, mailer: Mailer, baseUrl: string): JobHandlers {
  return {
    [IDEA_STATUS_MAIL_JOB]: async (job) => {
      const { statusChangeId } = payloadSchema.parse(job.payload);
      const row = await db
        .selectFrom('idea_status_change')
        .innerJoin('idea', 'idea.id', 'idea_status_change.idea_id')
        .innerJoin('app_user', 'app_user.id', 'idea.author_user_id')
        .select([
          'idea.id as idea_id',
          'idea.title',
          'idea_status_change.to_status',
          'idea_status_change.answer',
          'app_user.id as user_id',
          'app_user.email',
          'app_user.display_name',
          'app_user.locale',
          'app_user.disabled',
        ])
        .where('idea_status_change.id', '=', statusChangeId)
        .executeTakeFirst();
      // The author's account is gone or closed: nobody to tell.
      if (!row || row.disabled === 1) return;
      const message = composeIdeaStatusMail(
        {
          email: row.email,
          displayName: row.display_name,
          locale: row.locale,
          ideaId: row.idea_id,
          ideaTitle: row.title,
          status: row.to_status,
          answer: row.answer,
        },
        baseUrl,
      );
      const outcome = await deliverOnce(db, mailer, {
        dedupeKey: `idea-status:${statusChangeId}`,
        userId: row.user_id,
        kind: IDEA_STATUS_KIND,
        message,
        now: new Date(),
      });
      log('info', 'idea status mail', { statusChangeId, outcome });
    },
  };
}
