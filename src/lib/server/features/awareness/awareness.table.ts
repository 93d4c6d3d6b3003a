/** What a person can do for the institution; `skill` is a PERSON_SKILLS key ('facilitator'). */
export interface PersonSkillTable {
  person_id: string;
  skill: string;
  created_at: string;
}

/** An institution's own session type; the catalogue types (awareness.ts) are not stored. */
export interface AwarenessSessionTypeTable {
  id: string;
  institution_id: string;
  /** 'custom_<slug>': never collides with a catalogue key. */
  key: string;
  name: string;
  created_at: string;
}

/**
 * An awareness or training session (a fresk workshop, a conference, a
 * two-day "rentrée climat"). `academic_year` is derived from `start_date`
 * (1 September to 31 August) so lists and coverage group by it.
 */
export interface AwarenessSessionTable {
  id: string;
  institution_id: string;
  /** A SESSION_TYPE_KEYS entry or an awareness_session_type.key of the institution. */
  type_key: string;
  title: string;
  /** ISO date (YYYY-MM-DD). */
  start_date: string;
  /** ISO date of the last day of a multi-day event, null for one day. */
  end_date: string | null;
  /** 'YYYY-YYYY'. */
  academic_year: string;
  /** 1 = online, 0 = on site. */
  online: number;
  place: string | null;
  audience_note: string | null;
  /** Facilitators counted but not named (e.g. 34 "fresqueurs" of a big event). */
  unnamed_facilitators: number;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AwarenessSessionFacilitatorTable {
  session_id: string;
  person_id: string;
}

/**
 * A named participant of a session: a person of the institution or an
 * identity typed or imported (name, optional email). `identity_key` is the
 * stable key that counts the same human once across sessions.
 */
export interface AwarenessParticipantTable {
  id: string;
  session_id: string;
  person_id: string | null;
  identity_key: string;
  display_name: string;
  email: string | null;
  /** A POPULATIONS key. */
  population: string;
  /** Students' programme as typed, '' when none. */
  programme: string;
  study_year: number | null;
  recorded_by: string | null;
  created_at: string;
}

/** People counted without names, per population (and programme for students: '' when none). */
export interface AwarenessAnonymousCountTable {
  session_id: string;
  population: string;
  programme: string;
  participants: number;
}

/** How many people a population holds in an academic year (programme '' = the whole population). */
export interface AwarenessHeadcountTable {
  institution_id: string;
  academic_year: string;
  population: string;
  programme: string;
  headcount: number;
  updated_by: string | null;
  updated_at: string;
}

export interface AwarenessTables {
  person_skill: PersonSkillTable;
  awareness_session_type: AwarenessSessionTypeTable;
  awareness_session: AwarenessSessionTable;
  awareness_session_facilitator: AwarenessSessionFacilitatorTable;
  awareness_participant: AwarenessParticipantTable;
  awareness_anonymous_count: AwarenessAnonymousCountTable;
  awareness_headcount: AwarenessHeadcountTable;
}
