export interface AuditEventTable {
  id: string;
  institution_id: string;
  actor_user_id: string | null;
  actor_label: string;
  at: string;
  entity_type: string;
  entity_id: string;
  operation: string;
  field: string | null;
  before_value: string | null;
  after_value: string | null;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
