/**
 * What an institution publishes on its public portal (/public/<slug>). No row
 * means the portal is off. Flags are integers 0/1; the licence applies to every
 * open data file.
 */
export interface PortalSettingsTable {
  institution_id: string;
  /** 1 = the portal answers; 0 = every public page is a 404. */
  enabled: number;
  show_plan_progress: number;
  show_sdg_matrix: number;
  show_reports: number;
  show_fund: number;
  show_open_data: number;
  licence_name: string;
  licence_url: string;
  /** Replaces the institution's purpose statement on the portal when set. */
  purpose_text: string | null;
  /** http(s) or mailto address shown as "contact". */
  contact_url: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface PortalTables {
  portal_settings: PortalSettingsTable;
}
