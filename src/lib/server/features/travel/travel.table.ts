/**
 * A declared trip. Reports group and count trips by `traveller_key`, a
 * pseudonym (sha256 hex of institution id + ':' + user id) that never holds a
 * name; `declared_by` only serves "my trips" and access checks, and is
 * cleared when the account is deleted.
 */
export interface TripTable {
  id: string;
  institution_id: string;
  mission_ref: string | null;
  purpose: string | null;
  /** staff | phd | student | guest */
  traveller_category: string;
  unit_id: string | null;
  traveller_key: string;
  declared_by: string | null;
  /** ISO date of departure (YYYY-MM-DD). */
  trip_date: string;
  created_at: string;
  /** declared (later: validated, cancelled) */
  status: string;
  justification: string | null;
  /** The traveller's name, only when the institution's travel settings name travellers; null otherwise. */
  traveller_label: string | null;
}

/**
 * One leg of a trip with everything needed to trace its figure without
 * re-running the method: places as typed and as resolved, the method and the
 * factor applied, the distances and the result. No floats: coordinates in
 * microdegrees, distances in metres, the factor in milligrams per unit
 * (= grams per 1000 passenger- or vehicle-km), emissions in grams, money in cents.
 */
export interface TripLegTable {
  id: string;
  trip_id: string;
  position: number;
  from_text: string;
  from_name: string;
  /** ISO 3166-1 alpha-2. */
  from_country: string;
  from_lat_micro: number;
  from_lon_micro: number;
  to_text: string;
  to_name: string;
  to_country: string;
  to_lat_micro: number;
  to_lon_micro: number;
  mode: string;
  cabin_class: string | null;
  round_trip: number;
  passengers: number;
  /** 1 when the contrail component of a flight factor was counted. */
  contrails: number;
  method_key: string;
  method_version: string;
  factor_key: string;
  /** Milligrams CO2e per unit after the contrails setting, before sharing among passengers. */
  factor_value_milli: number;
  /** pkm | vkm */
  factor_unit: string;
  factor_source: string;
  great_circle_m: number;
  distance_m: number;
  emissions_g: number;
  /** Estimated train time the flight replaces, in thousandths of an hour; null when the rule does not apply. */
  train_hours_milli: number | null;
  /** justification_required | flagged | ok | not_applicable */
  train_verdict: string;
  price_cents_per_tonne: number;
  contribution_cents: number;
  /** The CalculationStep list shown to the user, as computed at declaration. */
  steps_json: string;
  /** ISO date of this leg; null for legs stored before leg dates were kept (the trip's date applies). */
  leg_date: string | null;
}

export interface TravelTables {
  trip: TripTable;
  trip_leg: TripLegTable;
}
