export interface IndicatorValueTable {
  id: string;
  indicator_id: string;
  /** "2024", "2024-2025" (academic year), "2024-Q1", "2024-03". */
  period: string;
  period_start: string;
  period_end: string;
  version: number;
  /** 1 for the latest version of (indicator, period), 0 for the history. */
  is_current: number;
  value_milli: number | null;
  value_text: string | null;
  comment: string | null;
  evidence_url: string | null;
  evidence_file_id: string | null;
  /** draft | submitted | validated | returned */
  state: string;
  return_reason: string | null;
  change_reason: string | null;
  entered_by: string | null;
  entered_by_label: string;
  entered_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  is_demo: number;
}

export interface EvidenceFileTable {
  id: string;
  institution_id: string;
  filename: string;
  /** Detected from the bytes, never taken from the upload. */
  content_type: string;
  byte_size: number;
  sha256: string;
  content_base64: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface ProgressSettingTable {
  institution_id: string;
  /** Progress / expected progress at or above which an indicator is on track (x1000). */
  on_track_min_milli: number;
  /** At or above this (and below on track) it is at risk; below, late. */
  at_risk_min_milli: number;
  /** Days after a period ends before an update counts as overdue. */
  grace_days: number;
  updated_at: string;
}

export interface IndicatorTables {
  indicator_value: IndicatorValueTable;
  evidence_file: EvidenceFileTable;
  progress_setting: ProgressSettingTable;
}
