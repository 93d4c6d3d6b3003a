import { dueDate, isPeriodicity, lastEndedPeriod, type Period, previousPeriod } from '../indicators/periods';

/** Pure rules of reminders and digests: which update is due, calendar keys, message keys. No I/O. */

/** Days after a period ends before its value is overdue, when the institution has not set it. */
export const DEFAULT_GRACE_DAYS = 30;

export type UpdateStatus = 'due' | 'overdue';

export interface PendingUpdate {
  period: Period;
  /** Last day to enter the value; overdue the day after. */
  dueDate: string;
  status: UpdateStatus;
}

export interface IndicatorSchedule {
  periodicity: string;
  baselineDate: string | null;
  targetDate: string | null;
  /** Last day of the plan (31 Dec of its end year), if it has one. */
  planEnd: string | null;
}

function isTracked(ind: IndicatorSchedule, period: Period): boolean {
  // No update is asked for a period before the baseline, or after the target date or the plan's end.
  if (ind.baselineDate && period.end < ind.baselineDate) return false;
  if (ind.targetDate && period.start > ind.targetDate) return false;
  if (ind.planEnd && period.start > ind.planEnd) return false;
  return true;
}

/**
 * The updates an indicator may still owe on `today`: the last ended period
 * ("due" while within the grace days) and the latest period past its due date
 * ("overdue"); they are the same period when the grace days are short. Older
 * gaps are not chased: one overdue period is enough to ask for an update.
 */
export function pendingUpdates(ind: IndicatorSchedule, graceDays: number, today: string): PendingUpdate[] {
  if (!isPeriodicity(ind.periodicity)) return [];
  const out: PendingUpdate[] = [];
  let period = lastEndedPeriod(ind.periodicity, today);
  const lastEndedDue = dueDate(period, graceDays);
  if (today <= lastEndedDue) {
    if (isTracked(ind, period)) out.push({ period, dueDate: lastEndedDue, status: 'due' });
    // Walk back to the latest period whose due date has passed (a long grace spans several short periods).
    for (let guard = 0; guard < 60 && today <= dueDate(period, graceDays); guard++) period = previousPeriod(period);
  }
  const due = dueDate(period, graceDays);
  if (today > due && isTracked(ind, period)) out.push({ period, dueDate: due, status: 'overdue' });
  return out;
}

/** ISO-8601 week of a yyyy-mm-dd date, "2026-W48": weeks start on Monday, week 1 holds the first Thursday. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of a date's week, yyyy-mm-dd. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() || 7) - 1));
  return d.toISOString().slice(0, 10);
}

/** The scan of the day: one job per calendar day, whichever process queues it first. */
export const reminderScanJobKey = (date: string) => `reminders:${date}`;
/** The refresh of computed indicator values: one job per calendar day. */
export const computedRefreshJobKey = (date: string) => `indicators.refresh-computed:${date}`;
/** The digest of the week: one job per ISO week. */
export const digestJobKey = (isoWeek: string) => `digest:${isoWeek}`;
/**
 * One reminder per user and ISO week: a daily scan would otherwise mail an
 * overdue pilot every morning until they enter the value.
 */
export const reminderMessageKey = (userId: string, isoWeek: string) => `reminder:${userId}:${isoWeek}`;
export const digestMessageKey = (userId: string, isoWeek: string) => `digest:${userId}:${isoWeek}`;

export const NOTIFICATION_KINDS = ['reminder', 'digest', 'idea_status', 'partner_renewal'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationPreferences {
  reminders: boolean;
  weeklyDigest: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = Object.freeze({ reminders: true, weeklyDigest: true });

/** The weekly digest is the officer's tool: administrators receive it. */
export function canReceiveDigest(user: { role: string }): boolean {
  return user.role === 'admin';
}
