/** Reminders, the weekly digest and the daily refresh of computed indicators, on a job queue in the database; users' notification choices. */
export { publicBaseUrl, startBackgroundJobs } from './background';
export {
  composeIdeaStatusMail,
  enqueueIdeaStatusMail,
  IDEA_STATUS_MAIL_JOB,
  ideaStatusMailJobKey,
  ideasJobHandlers,
} from './ideas-job';
export {
  claimNextJob,
  enqueueJob,
  failJob,
  finishJob,
  type Job,
  type JobHandler,
  type JobHandlers,
  recoverStaleJobs,
  runDueJobs,
  startJobWorker,
} from './jobs';
export type { MailMessage } from './mail-content';
export { createMailer, type Mailer } from './mailer';
export { canReceiveDigest, type NotificationPreferences } from './notifications';
export {
  getNotificationSettingsPage,
  getPreferences,
  type NotificationSettingsPage,
  preferencesFormSchema,
  type SentNotification,
  updatePreferences,
} from './preferences';
export {
  notificationJobHandlers,
  REFRESH_COMPUTED_JOB,
  runReminderScan,
  runWeeklyDigest,
  scheduleRecurringJobs,
} from './reminders';
export { RECOMPUTE_TRIPS_JOB, scheduleTripsRecompute, tripsJobHandlers } from './trips-job';
