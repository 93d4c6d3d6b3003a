/** A saved column mapping of a trips file, by name, for the next imports from the same software. */
export interface TripImportProfileTable {
  id: string;
  institution_id: string;
  /** Unique within the institution (constraint trip_import_profile_name_unique). */
  name: string;
  /** A TripFileFormat; only 'accounting' needs a mapping today. */
  format: string;
  /** The mapping as JSON, parsed with the format's schema on every read. */
  mapping_json: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface TripImportProfileTables {
  trip_import_profile: TripImportProfileTable;
}
