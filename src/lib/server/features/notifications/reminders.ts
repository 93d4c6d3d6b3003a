import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { refreshComputedValues } from '../indicators';
import { deliverOnce } from './delivery';
import { enqueueJob, type JobHandlers, purgeFinishedJobs } from './jobs';
import { composeDigest, composeReminder, type DueItem } from './mail-content';
import type { Mailer } from './mailer';
import {
  canReceiveDigest,
  computedRefreshJobKey,
  DEFAULT_GRACE_DAYS,
  digestJobKey,
  digestMessageKey,
  isoWeekOf,
  mondayOf,
  pendingUpdates,
  reminderMessageKey,
  reminderScanJobKey,
} from './notifications';
import { listOptedOutUserIds } from './preferences';
import {
  type ActiveUser,
  listActionPilotPeople,
  listActiveUsers,
  listEnteredValueKeys,
  listGraceDays,
  listInstitutionNames,
  listManualIndicators,
  listSubmittedValues,
} from './reminders.queries';

export const REMINDERS_JOB = 'reminders';
export const DIGEST_JOB = 'digest';
/** Recomputes the values of indicators fed by a module (features/indicators/computed-values.ts). */
export const REFRESH_COMPUTED_JOB = 'indicators.refresh-computed';
/** Hour (UTC) from which the day's reminders and the week's digest go out: early morning in France. */
export const SEND_HOUR_UTC = 6;

/** Roles that may enter values: a reminder to anyone else would ask for something they cannot do. */
const CAN_ENTER_VALUES = new Set(['admin', 'pilot']);

export interface RunOptions {
  /** The day the run is for, yyyy-mm-dd (UTC). */
  today: string;
  /** Public address of the app, for links. */
  baseUrl: string;
}

export interface RunReport {
  sent: number;
  alreadySent: number;
  failed: number;
}

interface PendingItem extends DueItem {
  institutionId: string;
  responsiblePersonId: string | null;
  actionId: string | null;
}

/** Every manual indicator's update still missing on `today` (due or overdue). */
async function collectMissingUpdates(db: Kysely<DB>, today: string): Promise<PendingItem[]> {
  const [indicators, graceDays] = await Promise.all([listManualIndicators(db), listGraceDays(db)]);
  const candidates = indicators.flatMap((ind) =>
    pendingUpdates(ind, graceDays.get(ind.institutionId) ?? DEFAULT_GRACE_DAYS, today).map((u) => ({ ind, u })),
  );
  const entered = await listEnteredValueKeys(
    db,
    candidates.map((c) => c.u.period.label),
  );
  return candidates
    .filter(({ ind, u }) => !entered.has(`${ind.id}|${u.period.label}`))
    .map(({ ind, u }) => ({
      indicatorId: ind.id,
      indicatorName: ind.name,
      periodLabel: u.period.label,
      dueDate: u.dueDate,
      status: u.status,
      institutionId: ind.institutionId,
      responsiblePersonId: ind.responsiblePersonId,
      actionId: ind.actionId,
    }));
}

/** Sends each message once; a failed send is counted and the run fails at the end so its job retries. */
async function deliverAll(
  db: Kysely<DB>,
  mailer: Mailer,
  deliveries: {
    key: string;
    user: ActiveUser;
    kind: 'reminder' | 'digest';
    build: () => ReturnType<typeof composeReminder>;
  }[],
): Promise<RunReport> {
  const report: RunReport = { sent: 0, alreadySent: 0, failed: 0 };
  for (const d of deliveries) {
    try {
      const outcome = await deliverOnce(db, mailer, {
        dedupeKey: d.key,
        userId: d.user.id,
        kind: d.kind,
        message: d.build(),
        now: new Date(),
      });
      report[outcome === 'sent' ? 'sent' : 'alreadySent']++;
    } catch (e) {
      report.failed++;
      log('warn', 'mail failed', { kind: d.kind, to: d.user.email, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (report.failed > 0) throw new Error(`${report.failed} of ${deliveries.length} ${deliveries[0].kind} mails failed`);
  return report;
}

/**
 * The daily scan: each user hears about the indicators they answer for whose
 * update is due or overdue. The responsible person's account is asked first;
 * when the indicator has none, the accounts of the people piloting its action.
 * One mail per user and per week (see reminderMessageKey).
 */
export async function runReminderScan(db: Kysely<DB>, mailer: Mailer, options: RunOptions): Promise<RunReport> {
  const [missing, users, pilots, optedOut] = await Promise.all([
    collectMissingUpdates(db, options.today),
    listActiveUsers(db),
    listActionPilotPeople(db),
    listOptedOutUserIds(db, 'reminders'),
  ]);
  const usersOf = (institutionId: string, personIds: Iterable<string>) => {
    const ids = new Set(personIds);
    return users.filter(
      (u) => u.institutionId === institutionId && u.personId && ids.has(u.personId) && CAN_ENTER_VALUES.has(u.role),
    );
  };
  const itemsByUser = new Map<string, { user: ActiveUser; items: DueItem[] }>();
  for (const item of missing) {
    let recipients = item.responsiblePersonId ? usersOf(item.institutionId, [item.responsiblePersonId]) : [];
    if (recipients.length === 0 && item.actionId) {
      recipients = usersOf(item.institutionId, pilots.get(item.actionId) ?? []);
    }
    for (const user of recipients) {
      const entry = itemsByUser.get(user.id) ?? { user, items: [] };
      entry.items.push(item);
      itemsByUser.set(user.id, entry);
    }
  }
  const week = isoWeekOf(options.today);
  const deliveries = [...itemsByUser.values()]
    .filter(({ user }) => !optedOut.has(user.id))
    .map(({ user, items }) => ({
      key: reminderMessageKey(user.id, week),
      user,
      kind: 'reminder' as const,
      build: () => composeReminder(user, items, options.baseUrl),
    }));
  return deliveries.length ? deliverAll(db, mailer, deliveries) : { sent: 0, alreadySent: 0, failed: 0 };
}

/** The weekly digest to each administrator: updates due, overdue and waiting for validation in their institution. */
export async function runWeeklyDigest(db: Kysely<DB>, mailer: Mailer, options: RunOptions): Promise<RunReport> {
  const [missing, users, optedOut, institutions] = await Promise.all([
    collectMissingUpdates(db, options.today),
    listActiveUsers(db),
    listOptedOutUserIds(db, 'weekly_digest'),
    listInstitutionNames(db),
  ]);
  const week = isoWeekOf(options.today);
  const deliveries = [];
  for (const [institutionId, institutionName] of institutions) {
    const admins = users.filter((u) => u.institutionId === institutionId && canReceiveDigest(u) && !optedOut.has(u.id));
    if (admins.length === 0) continue;
    const mine = missing.filter((m) => m.institutionId === institutionId);
    const input = {
      institutionName,
      isoWeek: week,
      due: mine.filter((m) => m.status === 'due'),
      overdue: mine.filter((m) => m.status === 'overdue'),
      submitted: await listSubmittedValues(db, institutionId),
    };
    // Nothing to report is not worth a mail.
    if (input.due.length + input.overdue.length + input.submitted.length === 0) continue;
    for (const user of admins) {
      deliveries.push({
        key: digestMessageKey(user.id, week),
        user,
        kind: 'digest' as const,
        build: () => composeDigest(user, input, options.baseUrl),
      });
    }
  }
  return deliveries.length ? deliverAll(db, mailer, deliveries) : { sent: 0, alreadySent: 0, failed: 0 };
}

/**
 * Queues today's refresh of computed values and scan, and this week's digest.
 * Every process may call it on every poll: the dedupe keys keep one job per
 * day and one per week.
 */
export async function scheduleRecurringJobs(db: Kysely<DB>, now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const atSendHour = (date: string) => new Date(`${date}T${String(SEND_HOUR_UTC).padStart(2, '0')}:00:00Z`);
  // Due at once: yesterday's periods have ended, and the figures are ready before the morning's reminders.
  await enqueueJob(db, {
    kind: REFRESH_COMPUTED_JOB,
    dedupeKey: computedRefreshJobKey(today),
    payload: { date: today },
    runAt: new Date(`${today}T00:00:00Z`),
  });
  const queuedToday = await enqueueJob(db, {
    kind: REMINDERS_JOB,
    dedupeKey: reminderScanJobKey(today),
    payload: { date: today },
    runAt: atSendHour(today),
  });
  const week = isoWeekOf(today);
  await enqueueJob(db, {
    kind: DIGEST_JOB,
    dedupeKey: digestJobKey(week),
    payload: { date: today },
    runAt: atSendHour(mondayOf(today)),
  });
  // Once a day is enough to tidy the queue.
  if (queuedToday) await purgeFinishedJobs(db, now);
}

const datePayload = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/**
 * The background worker's job handlers: this feature's and the refresh of
 * computed indicator values. A job's payload date is the day it is for, so a
 * retry reads the same day.
 */
export function notificationJobHandlers(db: Kysely<DB>, mailer: Mailer, baseUrl: string): JobHandlers {
  return {
    [REMINDERS_JOB]: async (job) => {
      const { date } = datePayload.parse(job.payload);
      const report = await runReminderScan(db, mailer, { today: date, baseUrl });
      log('info', 'reminders sent', { date, ...report });
    },
    [DIGEST_JOB]: async (job) => {
      const { date } = datePayload.parse(job.payload);
      const report = await runWeeklyDigest(db, mailer, { today: date, baseUrl });
      log('info', 'weekly digest sent', { date, ...report });
    },
    [REFRESH_COMPUTED_JOB]: async (job) => {
      const { date } = datePayload.parse(job.payload);
      const report = await refreshComputedValues(db, { today: date });
      // A failing module is not retried by the queue: tomorrow's refresh asks it again.
      const attention = report.failed > 0 || report.unknownSources.length > 0 || report.unsupported.length > 0;
      log(attention ? 'warn' : 'info', 'computed indicator values refreshed', { date, ...report });
    },
  };
}
