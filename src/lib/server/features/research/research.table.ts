/**
 * Research projects with their SDG tags and partners, and the publications
 * read from a HAL export (one row per HAL deposit, unique per institution).
 * Money in integer cents, dates ISO text, booleans 0/1.
 */
export interface ResearchProjectTable {
  id: string;
  institution_id: string;
  title: string;
  acronym: string | null;
  /** An org unit of a research kind (team, unit, centre), or null with `team_text` for a team not in the tree. */
  team_unit_id: string | null;
  team_text: string | null;
  lead_person_id: string | null;
  /** ISO dates; the status (planned, active, ended) is derived from them, never stored. */
  start_date: string | null;
  end_date: string | null;
  funder: string | null;
  /** Funding programme (ANR, EU Horizon, Region...), free text. */
  programme: string | null;
  amount_cents: number | null;
  description: string | null;
  /** 1 for a demo record whose facts are invented (dates, funding), 0 otherwise. */
  is_demo: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResearchProjectSdgTable {
  project_id: string;
  sdg_number: number;
}

/** A partner of the partner list (`partner_id`), or one named in free text (`partner_name`) not yet in it. */
export interface ResearchProjectPartnerTable {
  id: string;
  project_id: string;
  position: number;
  partner_id: string | null;
  partner_name: string | null;
}

export interface ResearchPublicationTable {
  id: string;
  institution_id: string;
  /** HAL identifier (halId_s, e.g. "hal-01234567"); a new import of the same id updates the row. */
  hal_id: string;
  title: string | null;
  doc_type: string | null;
  year: number;
  /** 1 when the full text is deposited in HAL (submitType_s = file). */
  full_text: number;
  /** 1 when HAL flags the publication as open access (openAccess_bool). */
  open_access: number;
  licence: string | null;
  /** 1 when `licence` is an open licence (Creative Commons, Etalab), decided at import by isOpenLicence. */
  open_licence: number;
  created_at: string;
  updated_at: string;
}

export interface ResearchTables {
  research_project: ResearchProjectTable;
  research_project_sdg: ResearchProjectSdgTable;
  research_project_partner: ResearchProjectPartnerTable;
  research_publication: ResearchPublicationTable;
}
