/** The audit log (docs/adr/0016): the record type every part hands it, the log, its retention. */
export type { AuditRecord, AuditSink } from './record.ts';
export { AUDIT_LIMITS, auditEventOf, createAuditLog } from './log.ts';
export type { AuditLog, AuditLogOptions, AuditLogStats } from './log.ts';
export { AUDIT_TTL_MS, createAuditRetention } from './retention.ts';
export type { AuditRetention, AuditRetentionOptions } from './retention.ts';
export { auditEventName } from './names.ts';
