/** Audit trail: who changed what, when, from which value to which. */
export { type Actor, type AuditChange, type AuditEntry, diffFields, listAuditForEntity, recordAudit } from './audit';
