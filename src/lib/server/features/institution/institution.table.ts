export interface InstitutionTable {
  id: string;
  slug: string;
  name: string;
  purpose_statement: string | null;
  ambition: string | null;
  values_text: string | null;
  created_at: string;
}

export interface InstitutionTables {
  institution: InstitutionTable;
}
