/**
 * A criterion of the DD&RS label self-assessment in the institution's own list,
 * under one of the five Plan-vert axes (plan_axis.code). Seeded from
 * data/label/ddrs-referential.json; renamed, reordered and retired by the
 * officer. A retired criterion (`retired_at` set) leaves new assessments but
 * keeps its past ones.
 */
export interface LabelCriterionTable {
  id: string;
  institution_id: string;
  axis_code: string;
  /** Order within the axis, from 1. */
  position: number;
  /** Short reference unique in the institution ("SG-1"). */
  code: string;
  title_fr: string;
  title_en: string;
  /** 1 while the wording is Trajectoire's placeholder, not the official referential's. */
  is_placeholder: number;
  /** Where the criterion comes from (seed provenance), free text. */
  source: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One self-assessment per institution and year. `submitted` is frozen: nothing in it changes any more. */
export interface LabelAssessmentTable {
  id: string;
  institution_id: string;
  year: number;
  /** draft | submitted */
  status: string;
  /** The year whose levels and justifications the draft started from, if any. */
  copied_from_year: number | null;
  created_by: string | null;
  created_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
}

/** A criterion's maturity level (1-5, Trajectoire's scale; null = not assessed) and justification in one assessment. */
export interface LabelAssessmentItemTable {
  id: string;
  assessment_id: string;
  criterion_id: string;
  level: number | null;
  justification: string | null;
  updated_by: string | null;
  updated_at: string;
}

/**
 * A piece of evidence of an item: a plan action or indicator of the
 * institution (its name kept in `label` should it be deleted), a web address,
 * or a file checked by its bytes (stored as base64, like evidence_file).
 */
export interface LabelEvidenceTable {
  id: string;
  item_id: string;
  /** action | indicator | url | file */
  kind: string;
  action_id: string | null;
  indicator_id: string | null;
  /** What the reader sees: the action's title, the indicator's name, the link text or the file name. */
  label: string;
  url: string | null;
  content_type: string | null;
  byte_size: number | null;
  sha256: string | null;
  content_base64: string | null;
  created_by: string | null;
  created_at: string;
}

export interface LabelTables {
  label_criterion: LabelCriterionTable;
  label_assessment: LabelAssessmentTable;
  label_assessment_item: LabelAssessmentItemTable;
  label_evidence: LabelEvidenceTable;
}
