/**
 * A partner of the institution (cluster, university, company, local
 * authority…). Dates are ISO `YYYY-MM-DD`; a partner is active on a day when
 * it started on or before it (or has no start) and has not ended before it.
 */
export interface PartnerTable {
  id: string;
  institution_id: string;
  /** Unique per institution (imports match on it, case- and accent-insensitively). */
  name: string;
  /** A PARTNER_KINDS key. */
  kind: string;
  started_on: string | null;
  ended_on: string | null;
  website: string | null;
  description: string | null;
  /** 1 for a record loaded by the demo. */
  is_demo: number;
  /** Optimistic lock: incremented by every edit. */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One of the institution's roles with a partner (several per partner), with an optional free-text detail. */
export interface PartnerRoleTable {
  partner_id: string;
  /** A PARTNER_ROLES key. */
  role: string;
  detail: string | null;
}

export interface PartnerSdgTable {
  partner_id: string;
  sdg_number: number;
}

/**
 * An agreement signed with a partner. The status (active, ending soon,
 * expired) is derived from the dates; a renewal reminder is due from
 * `ends_on - renewal_notice_days`. The optional file is kept as base64.
 */
export interface PartnerAgreementTable {
  id: string;
  partner_id: string;
  title: string;
  /** An AGREEMENT_KINDS key. */
  kind: string;
  signed_on: string | null;
  starts_on: string | null;
  ends_on: string | null;
  renewal_notice_days: number;
  file_name: string | null;
  file_content_type: string | null;
  file_byte_size: number | null;
  file_sha256: string | null;
  file_content_base64: string | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A person at the partner: personal data, never shown on public pages nor to contributors and viewers. */
export interface PartnerContactTable {
  id: string;
  partner_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}

export interface PartnerTables {
  partner: PartnerTable;
  partner_role: PartnerRoleTable;
  partner_sdg: PartnerSdgTable;
  partner_agreement: PartnerAgreementTable;
  partner_contact: PartnerContactTable;
}
