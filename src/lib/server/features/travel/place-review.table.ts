/**
 * A place text the resolver could not settle with confidence, waiting for a
 * person, and once answered the answer remembered for the institution's next
 * imports, declarations and API calls. Coordinates in integer microdegrees.
 */
export interface PlaceReviewTable {
  id: string;
  institution_id: string;
  /** normalizePlaceText of the name part, as the resolver looks it up. */
  memory_key: string;
  /** ISO 3166-1 alpha-2 the search was restricted to; '' when none. */
  country_hint: string;
  text: string;
  country_text: string | null;
  /** The candidates offered at the time (Place[]), best first. */
  candidates_json: string;
  /** How many times the text was met (rows of imports, declarations). */
  occurrences: number;
  first_seen_at: string;
  last_seen_at: string;
  /** open | answered */
  status: string;
  answer_kind: string | null;
  answer_name: string | null;
  answer_country: string | null;
  answer_lat_micro: number | null;
  answer_lon_micro: number | null;
  answer_iata: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

export interface PlaceReviewTables {
  place_review: PlaceReviewTable;
}
