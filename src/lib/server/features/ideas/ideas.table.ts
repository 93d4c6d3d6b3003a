/**
 * The idea box. An idea is signed or anonymous: `author_user_id` is always kept
 * (abuse handling), and `anonymous = 1` means no page, export or API shows who
 * wrote it, the officer included; only the audited "reveal for abuse" action does.
 */
export interface IdeaTable {
  id: string;
  institution_id: string;
  title: string;
  description: string;
  /** 1 = the author's name is shown to nobody; 0 = signed. */
  anonymous: number;
  author_user_id: string | null;
  /** A Plan-vert axis (plan_axis.code) the author chose as category, or none. */
  axis_code: string | null;
  /** received | under_study | accepted | rejected | turned_into_action | done */
  status: string;
  /** The latest public answer (required for accepted and rejected). */
  public_answer: string | null;
  /** visible | hidden (by a moderator) | pending_review (hidden automatically after N reports) */
  moderation_state: string;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  /** The idea this duplicate was merged into; its supports moved there. */
  merged_into_id: string | null;
  /** The plan action the idea was turned into. */
  action_id: string | null;
  /** ISO date of submission (indicators count by day). */
  submitted_on: string;
  created_at: string;
  updated_at: string;
}

export interface IdeaSdgTable {
  idea_id: string;
  sdg_number: number;
}

/** A file attached to an idea, type checked from its bytes, stored in the database. */
export interface IdeaAttachmentTable {
  id: string;
  idea_id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content_base64: string;
  created_at: string;
}

/** One support per person and idea (primary key). */
export interface IdeaSupportTable {
  idea_id: string;
  user_id: string;
  created_at: string;
}

/** Comments are always signed. */
export interface IdeaCommentTable {
  id: string;
  idea_id: string;
  author_user_id: string | null;
  author_label: string;
  body: string;
  /** visible | hidden | pending_review, as for ideas. */
  moderation_state: string;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  created_at: string;
}

/** A report of an idea or a comment: once per person and item; `reviewed_at` set when a moderator decided. */
export interface IdeaReportTable {
  id: string;
  institution_id: string;
  /** idea | comment */
  item_kind: string;
  item_id: string;
  idea_id: string;
  reporter_user_id: string;
  reason: string | null;
  created_at: string;
  reviewed_at: string | null;
}

/** Every status change with who, when and the public answer given. */
export interface IdeaStatusChangeTable {
  id: string;
  idea_id: string;
  from_status: string | null;
  to_status: string;
  answer: string | null;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: string;
}

/** The institution's choices; defaults without a row. */
export interface IdeaSettingsTable {
  institution_id: string;
  report_threshold: number;
  /** 1 = answered ideas are listed publicly at /public/<slug>/ideas. */
  public_list: number;
  updated_by: string | null;
  updated_at: string;
}

export interface IdeaTables {
  idea: IdeaTable;
  idea_sdg: IdeaSdgTable;
  idea_attachment: IdeaAttachmentTable;
  idea_support: IdeaSupportTable;
  idea_comment: IdeaCommentTable;
  idea_report: IdeaReportTable;
  idea_status_change: IdeaStatusChangeTable;
  idea_settings: IdeaSettingsTable;
}
