/**
 * The institution's business-travel settings; no row means the defaults of
 * travel-settings.ts. Thresholds in minutes, flags as 0/1.
 */
export interface TravelSettingsTable {
  institution_id: string;
  /** A key of CARBON_METHODS. */
  method_key: string;
  /** 1 when flights count the contrail component of their factor. */
  contrails: number;
  /** A flight whose train alternative takes less than this must be justified. */
  train_justify_minutes: number;
  /** A flight whose train alternative takes less than this is flagged for follow-up. */
  train_flag_minutes: number;
  /** 1 when declarations may store the traveller's name (trip.traveller_label); pseudonymised otherwise. */
  name_travellers: number;
  updated_at: string;
  updated_by: string | null;
}

/**
 * One recomputation of the institution's stored trips (a settings change, a
 * new factor set): who, why, from which method and version to which, and the
 * totals before and after. `details_json` holds a bounded breakdown by factor
 * and by train-first verdict, never one entry per leg.
 */
export interface TravelRecomputeTable {
  id: string;
  institution_id: string;
  created_at: string;
  /** Null for the daily system job (and the CLI). */
  actor_user_id: string | null;
  /** Null for the daily system job. */
  actor_label: string | null;
  /** settings | factor_set */
  reason: string;
  from_method_key: string;
  from_method_version: string;
  to_method_key: string;
  to_method_version: string;
  from_contrails: number;
  to_contrails: number;
  legs_examined: number;
  legs_changed: number;
  verdicts_changed: number;
  emissions_before_g: number;
  emissions_after_g: number;
  contribution_before_cents: number;
  contribution_after_cents: number;
  duration_ms: number;
  details_json: string;
}

export interface TravelSettingsTables {
  travel_settings: TravelSettingsTable;
  travel_recompute: TravelRecomputeTable;
}
