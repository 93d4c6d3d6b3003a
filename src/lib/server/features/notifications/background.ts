import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { getConfig } from '../../config';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { ideasJobHandlers } from './ideas-job';
import { startJobWorker } from './jobs';
import { createMailer } from './mailer';
import { partnersJobHandlers, schedulePartnerRenewalScan } from './partners-job';
import { notificationJobHandlers, scheduleRecurringJobs } from './reminders';
import { scheduleTripsRecompute, tripsJobHandlers } from './trips-job';

/** Address used in links inside e-mails: PUBLIC_URL, then ORIGIN, then the default local address. */
export function publicBaseUrl(config: { PUBLIC_URL?: string; ORIGIN?: string }): string {
  return config.PUBLIC_URL ?? config.ORIGIN ?? 'http://localhost:3000';
}

/**
 * Starts this process's job worker (reminders, weekly digest, refresh of
 * computed indicator values, recomputation of trips on an outdated factor
 * set) unless JOBS=off.
 * Several processes may run it on one database. Returns stop().
 */
export function startBackgroundJobs(db: Kysely<DB>): () => Promise<void> {
  const config = getConfig();
  if (config.JOBS === 'off') {
    log('info', 'background jobs are off (JOBS=off)');
    return async () => {};
  }
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  log('info', 'background jobs started', {
    workerId,
    pollSeconds: config.JOBS_POLL_SECONDS,
    smtp: config.SMTP_URL ? 'on' : 'off (mails are logged)',
  });
  return startJobWorker({
    db,
    handlers: {
      ...notificationJobHandlers(db, mailer, publicBaseUrl(config)),
      ...tripsJobHandlers(db),
      ...ideasJobHandlers(db, mailer, publicBaseUrl(config)),
      ...partnersJobHandlers(db, mailer, publicBaseUrl(config)),
    },
    pollSeconds: config.JOBS_POLL_SECONDS,
    workerId,
    beforeEachPoll: async (now) => {
      await scheduleRecurringJobs(db, now);
      await scheduleTripsRecompute(db, now);
      await schedulePartnerRenewalScan(db, now);
    },
  });
}
