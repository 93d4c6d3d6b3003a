import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { isRenewalReminderDue, listAgreementsEndingFrom, listOfficers, renewalReminderKey } from '../partners';
import { deliverOnce } from './delivery';
import { enqueueJob, type JobHandlers } from './jobs';
import { type MailMessage, renderHtml, renderText } from './mail-content';
import type { Mailer } from './mailer';
import type { NotificationKind } from './notifications';
import { SEND_HOUR_UTC } from './reminders';

/**
 * Renewal reminders of partner agreements (features/partners): once a day,
 * every agreement whose end date minus its notice days is reached (and whose
 * end date is not past) is mailed to the institution's officers, once per
 * agreement, end date and officer (dedupe key in notification_sent): a
 * renewed agreement, with a new end date, gets its own reminder.
 */
export const PARTNER_RENEWAL_JOB = 'partners.renewal-reminders';

/** Kind stored in notification_sent. */
const PARTNER_RENEWAL_KIND = 'partner_renewal' satisfies NotificationKind;

/** One scan per calendar day. */
export const partnerRenewalJobKey = (date: string) => `${PARTNER_RENEWAL_JOB}:${date}`;

/** Queues today's scan, due at the reminders' sending hour (UTC); every process may call it on every poll (dedupe key). */
export async function schedulePartnerRenewalScan(db: Kysely<DB>, now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  await enqueueJob(db, {
    kind: PARTNER_RENEWAL_JOB,
    dedupeKey: partnerRenewalJobKey(today),
    payload: { date: today },
    runAt: new Date(`${today}T${String(SEND_HOUR_UTC).padStart(2, '0')}:00:00Z`),
  });
}

export interface RenewalMailInput {
  email: string;
  displayName: string;
  locale: string;
  partnerId: string;
  partnerName: string;
  title: string;
  endsOn: string;
}

/** The reminder in the officer's language (French when none is stored). Pure. */
export function composeRenewalMail(input: RenewalMailInput, baseUrl: string): MailMessage {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'fr';
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const params = { title: input.title, partner: input.partnerName, date: input.endsOn };
  const url = `${baseUrl.replace(/\/+$/, '')}/partners/${encodeURIComponent(input.partnerId)}`;
  const content = {
    subject: t('partners.mail.subject', params),
    paragraphs: [t('notifications.greeting', { name: input.displayName }), t('partners.mail.intro', params)],
    sections: [{ heading: t('partners.mail.linkHeading'), lines: [{ text: input.partnerName, url }] }],
    footer: [{ text: t('partners.mail.why') }],
  };
  return { to: input.email, subject: content.subject, text: renderText(content), html: renderHtml(content, locale) };
}

export interface RenewalReport {
  sent: number;
  alreadySent: number;
}

/** Sends every renewal reminder due on `today`; running it twice sends nothing new. */
export async function runPartnerRenewalReminders(
  db: Kysely<DB>,
  mailer: Mailer,
  options: { today: string; baseUrl: string; now?: Date },
): Promise<RenewalReport> {
  const report: RenewalReport = { sent: 0, alreadySent: 0 };
  const due = (await listAgreementsEndingFrom(db, options.today)).filter((a) =>
    isRenewalReminderDue({ endsOn: a.ends_on, renewalNoticeDays: a.renewal_notice_days }, options.today),
  );
  const officersOf = new Map<string, Awaited<ReturnType<typeof listOfficers>>>();
  for (const a of due) {
    if (!a.ends_on) continue;
    if (!officersOf.has(a.institution_id)) officersOf.set(a.institution_id, await listOfficers(db, a.institution_id));
    for (const officer of officersOf.get(a.institution_id) ?? []) {
      const message = composeRenewalMail(
        {
          email: officer.email,
          displayName: officer.display_name,
          locale: officer.locale,
          partnerId: a.partner_id,
          partnerName: a.partner_name,
          title: a.title,
          endsOn: a.ends_on,
        },
        options.baseUrl,
      );
      const outcome = await deliverOnce(db, mailer, {
        dedupeKey: renewalReminderKey(a.id, a.ends_on, officer.id),
        userId: officer.id,
        kind: PARTNER_RENEWAL_KIND,
        message,
        now: options.now ?? new Date(),
      });
      report[outcome]++;
    }
  }
  return report;
}

const datePayload = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

export function partnersJobHandlers(db: Kysely<DB>, mailer: Mailer, baseUrl: string): JobHandlers {
  return {
    [PARTNER_RENEWAL_JOB]: async (job) => {
      const { date } = datePayload.parse(job.payload);
      const report = await runPartnerRenewalReminders(db, mailer, { today: date, baseUrl });
      log('info', 'partner renewal reminders', { date, ...report });
    },
  };
}
