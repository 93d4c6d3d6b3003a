import { createTransport } from 'nodemailer';
import { log } from '../../log';
import type { MailMessage } from './mail-content';

/** Sends one message; throws when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A mailer for an SMTP URL (smtp://user:pass@host:587, smtps://...). Without a
 * URL nothing leaves the machine: the message is logged (recipient and
 * subject), so a test install never mails real people.
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl?.trim()) {
    return {
      async send(message) {
        log('info', 'mail not sent (SMTP_URL is empty)', { to: message.to, subject: message.subject });
      },
    };
  }
  // Bounded timeouts: a hung server must fail the job well before its lock goes stale (10 min).
  const transport = createTransport(
    { url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from },
  );
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}
