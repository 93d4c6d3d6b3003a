/**
 * Scientific-culture events (Fête de la science, Pint of Science, lecture
 * series, school interventions...) with the SDGs they address, their
 * organisers (people of the directory) and their accessibility features.
 * Dates ISO text, booleans 0/1; the audiences, never queried, as JSON text.
 */
export interface EventTable {
  id: string;
  institution_id: string;
  title: string;
  /** An EVENT_KINDS key. */
  kind: string;
  /** A lecture series or festival edition the event belongs to ("Les Culturelles"), free text. */
  series_name: string | null;
  /** ISO date (YYYY-MM-DD): the event counts in the period of its first day. */
  start_date: string;
  end_date: string | null;
  place: string | null;
  /** 1 when the event is (also) held online. */
  online: number;
  /** JSON array of EVENT_AUDIENCES keys. */
  audiences_json: string;
  /** People who attended; null when unknown (not 0). */
  attendance: number | null;
  /** Partner organisations, free text. */
  partners: string | null;
  accessibility_note: string | null;
  description: string | null;
  url: string | null;
  /** 1 for a demo record some of whose facts are invented (see data/demo/events.json), 0 otherwise. */
  is_demo: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventSdgTable {
  event_id: string;
  sdg_number: number;
}

export interface EventOrganiserTable {
  event_id: string;
  person_id: string;
}

/** One row per accessibility feature the event offers (an ACCESSIBILITY_FEATURES key). */
export interface EventAccessibilityTable {
  event_id: string;
  feature: string;
}

export interface EventTables {
  event: EventTable;
  event_sdg: EventSdgTable;
  event_organiser: EventOrganiserTable;
  event_accessibility: EventAccessibilityTable;
}
