import type { Generated } from 'kysely';

export interface PlanTable {
  id: string;
  institution_id: string;
  kind: string;
  title: string;
  start_year: number | null;
  end_year: number | null;
  source_name: string | null;
  created_at: string;
}

export interface PlanMeansTable {
  id: string;
  plan_id: string;
  position: number;
  label: string;
  fte_ratio_milli: number | null;
  basis: string | null;
}

export interface WorkstreamTable {
  id: string;
  plan_id: string;
  position: number;
  code: string | null;
  title: string;
  axis_code: string | null;
}

export interface ObjectiveTable {
  id: string;
  workstream_id: string;
  position: number;
  code: string | null;
  title: string;
}

export interface TargetTable {
  id: string;
  objective_id: string;
  position: number;
  label: string;
  baseline_value_milli: number | null;
  target_value_milli: number | null;
  unit: string | null;
  deadline: string | null;
  /** 0 or 1 (booleans are integers on both dialects). */
  qualitative: number;
}

export interface ActionTable {
  id: string;
  plan_id: string;
  workstream_id: string;
  objective_id: string | null;
  position: number;
  title: string;
  pilot_text: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  fte_milli: number | null;
  budget_cents: number | null;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ActionPilotTable {
  id: string;
  action_id: string;
  position: number;
  kind: string;
  label: string;
  person_id: string | null;
  team_id: string | null;
  unit_id: string | null;
}

export interface IndicatorTable {
  id: string;
  plan_id: string;
  action_id: string | null;
  objective_id: string | null;
  target_id: string | null;
  position: number;
  name: string;
  unit: string | null;
  /** increase | decrease | reach | milestone */
  direction: Generated<string>;
  /** number | percentage | yes_no | milestone | text */
  kind: Generated<string>;
  /** year | academic_year | quarter | month */
  periodicity: Generated<string>;
  baseline_value_milli: number | null;
  baseline_date: string | null;
  target_value_milli: number | null;
  target_date: string | null;
  responsible_person_id: string | null;
  /** manual, or the key of a module that computes it (see features/indicators/sources.ts). */
  source: Generated<string>;
  source_key: string | null;
  version: Generated<number>;
}

export interface ActionSdgTable {
  action_id: string;
  sdg_number: number;
}

export interface ActionAxisTable {
  action_id: string;
  axis_code: string;
}

export interface SdgReviewTable {
  id: string;
  plan_id: string;
  action_id: string;
  source_row: number;
  /** JSON array of strings. */
  raw_cells: string;
  /** JSON array of SDG numbers. */
  suggested_sdgs: string;
  reason_code: string;
  status: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface PlanTables {
  plan: PlanTable;
  plan_means: PlanMeansTable;
  workstream: WorkstreamTable;
  objective: ObjectiveTable;
  target: TargetTable;
  action: ActionTable;
  action_pilot: ActionPilotTable;
  indicator: IndicatorTable;
  action_sdg: ActionSdgTable;
  action_axis: ActionAxisTable;
  sdg_review: SdgReviewTable;
}
