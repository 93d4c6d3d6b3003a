export interface JobTable {
  id: string;
  kind: string;
  dedupe_key: string;
  payload_json: string;
  run_at: string;
  /** queued | running | done | failed */
  status: string;
  attempts: number;
  locked_by: string | null;
  locked_at: string | null;
  finished_at: string | null;
  last_error: string | null;
}

export interface NotificationSentTable {
  id: string;
  dedupe_key: string;
  user_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  sent_at: string;
}

export interface NotificationPreferenceTable {
  user_id: string;
  reminders: number;
  weekly_digest: number;
  updated_at: string;
}

export interface NotificationTables {
  job: JobTable;
  notification_sent: NotificationSentTable;
  notification_preference: NotificationPreferenceTable;
}
