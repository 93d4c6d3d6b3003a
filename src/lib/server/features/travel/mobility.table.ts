/**
 * A student's international mobility and the rail pre-routing aid granted for
 * it. The student appears only as `student_key`, a pseudonym (sha256 hex of
 * institution id + ':student:' + the reference the officer typed, such as a
 * student number); the reference itself is never stored. The destination is
 * stored as typed and as resolved, coordinates in integer microdegrees.
 */
export interface StudentMobilityTable {
  id: string;
  institution_id: string;
  /** French academic year of the mobility, 'YYYY-YYYY' (1 September to 31 August). */
  academic_year: string;
  /** ISO date of the outbound trip (YYYY-MM-DD) when known; it falls within `academic_year`. */
  departure_date: string | null;
  destination_text: string;
  destination_name: string;
  /** ISO 3166-1 alpha-2. */
  destination_country: string;
  destination_lat_micro: number;
  destination_lon_micro: number;
  /** Exchange programme or kind of stay (Erasmus+, double degree, internship…), free text. */
  programme: string | null;
  unit_id: string | null;
  student_key: string;
  /** Rail pre-routing aid in integer cents; 0 = none granted. */
  rail_aid_cents: number;
  /** Travel mode actually used for the outbound trip (a TRAVEL_MODES key). */
  outbound_mode: string;
  /** The declared trip of the outbound journey, when there is one. */
  trip_id: string | null;
  created_by: string | null;
  created_at: string;
}

/**
 * A meeting of a kind that used to mean a trip (international recruitment
 * interview, jury…), held by videoconference or in person: both are recorded
 * so shares can be computed. For a meeting held by video, the trip that did
 * not happen is stored as resolved, with the method, factor and steps of its
 * estimate, and `avoided_emissions_g` = emissions per person x participants.
 * A meeting held in person has no trip fields and avoids nothing (0).
 */
export interface VideoMeetingTable {
  id: string;
  institution_id: string;
  /** recruitment_interview | jury | other */
  kind: string;
  /** 1 when the meeting involves someone abroad (the trip would have crossed a border). */
  international: number;
  /** 1 = held by videoconference; 0 = held in person. */
  held_by_video: number;
  /** ISO date (YYYY-MM-DD). */
  meeting_date: string;
  /** People who would each have made the trip (at least 1). */
  participants: number;
  from_text: string | null;
  from_name: string | null;
  from_country: string | null;
  from_lat_micro: number | null;
  from_lon_micro: number | null;
  to_text: string | null;
  to_name: string | null;
  to_country: string | null;
  to_lat_micro: number | null;
  to_lon_micro: number | null;
  mode: string | null;
  /** 1 when the avoided trip was a round trip; 0 otherwise (and for a meeting held in person). */
  round_trip: number;
  /** Travelled distance of the avoided trip (round trip included), in metres. */
  distance_m: number | null;
  /** Integer grams CO2e: 0 when held in person. */
  avoided_emissions_g: number;
  method_key: string | null;
  method_version: string | null;
  factor_key: string | null;
  /** The CalculationStep list of the estimate, ending with the participants step, as computed when recorded. */
  steps_json: string | null;
  created_by: string | null;
  created_at: string;
}

export interface MobilityTables {
  student_mobility: StudentMobilityTable;
  video_meeting: VideoMeetingTable;
}
