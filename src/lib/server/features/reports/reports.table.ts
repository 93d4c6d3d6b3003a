/**
 * The annual report by SDG: one row per institution, kind and year with its
 * workflow status and selected SDGs; its narrative blocks (Markdown, one per
 * key such as 'purpose' or 'sdg:7'); review comments; and the published
 * versions, each the built ReportDocument frozen as JSON.
 */
export interface ReportTable {
  id: string;
  institution_id: string;
  /** 'annual' (the label and THE documents have their own features). */
  kind: string;
  year: number;
  /** 'draft' | 'in_review' | 'published' (see REPORT_STATUSES). */
  status: string;
  /** The SDG numbers covered, as a JSON array of integers, ascending. */
  sdgs_json: string;
  created_at: string;
  updated_at: string;
  /** Optimistic lock: incremented by every edit. */
  version: number;
}

export interface ReportNarrativeTable {
  id: string;
  report_id: string;
  /** 'purpose', 'governance', 'plan', 'sdg:7'... (see isBlockKey). */
  block_key: string;
  markdown: string;
  updated_by: string | null;
  updated_at: string;
  version: number;
}

export interface ReportCommentTable {
  id: string;
  report_id: string;
  block_key: string;
  author_user_id: string | null;
  author_label: string;
  body: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface ReportVersionTable {
  id: string;
  report_id: string;
  institution_id: string;
  kind: string;
  year: number;
  /** 1, 2... per report. */
  number: number;
  title: string;
  /** 'fr' | 'en': the document's language. */
  lang: string;
  published_at: string;
  published_by: string | null;
  /** The frozen ReportDocument. */
  document_json: string;
  /** 1 when the public portal may show it (default), 0 otherwise. */
  is_public: number;
}

export interface ReportTables {
  report: ReportTable;
  report_narrative: ReportNarrativeTable;
  report_comment: ReportCommentTable;
  report_version: ReportVersionTable;
}
