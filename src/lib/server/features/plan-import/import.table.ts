export interface ImportUploadTable {
  id: string;
  institution_id: string;
  user_id: string | null;
  filename: string;
  byte_size: number;
  content_base64: string;
  source_kind: string;
  mapping_json: string | null;
  status: string;
  plan_id: string | null;
  report_json: string | null;
  created_at: string;
  committed_at: string | null;
}

export interface ImportTables {
  import_upload: ImportUploadTable;
}
