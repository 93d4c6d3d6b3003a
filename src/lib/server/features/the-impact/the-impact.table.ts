/**
 * THE Impact Rankings: an institution's editions (one per ranking year), the
 * SDGs it submits to each (SDG 17 always), and the evidence items per SDG and
 * metric code. Files are stored in the row as base64, like the label's
 * evidence; figures as integers scaled by 1000.
 */
export interface TheImpactEditionTable {
  id: string;
  institution_id: string;
  /** Ranking edition year (2025 = the 2025 Impact Rankings). */
  edition: number;
  /** Accepted period of policies (created or reviewed), whole calendar years, both included. */
  window_start_year: number;
  window_end_year: number;
  /** The edition whose items were copied as drafts, when there was one. */
  copied_from_edition: number | null;
  created_by: string | null;
  created_at: string;
}

/** An SDG submitted in an edition (FK to sdg.number). */
export interface TheImpactEditionSdgTable {
  edition_id: string;
  sdg_number: number;
}

export interface TheImpactItemTable {
  id: string;
  institution_id: string;
  edition_id: string;
  sdg_number: number;
  /** A metric code of data/the-impact/metrics.json ("17.2.1"). */
  metric_code: string;
  /** policy | initiative | figure */
  kind: string;
  title: string;
  description: string | null;
  /** ISO dates (YYYY-MM-DD). */
  created_on: string | null;
  reviewed_on: string | null;
  public_url: string | null;
  file_name: string | null;
  file_content_type: string | null;
  file_byte_size: number | null;
  file_sha256: string | null;
  file_base64: string | null;
  /** The figure of a continuous metric x 1000 (three decimals kept), with its unit. */
  figure_milli: number | null;
  figure_unit: string | null;
  action_id: string | null;
  indicator_id: string | null;
  /** 1 = copied from the previous edition and not confirmed since; 0 otherwise. */
  is_draft: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface TheImpactTables {
  the_impact_edition: TheImpactEditionTable;
  the_impact_edition_sdg: TheImpactEditionSdgTable;
  the_impact_item: TheImpactItemTable;
}
