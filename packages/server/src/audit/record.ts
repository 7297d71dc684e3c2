/**
 * One audited request, as the parts that see requests hand it to the audit log: the Kubernetes API
 * proxy (every write, exec, attach and port-forward) and the management API (every write). The
 * audit log (audit/) stores each as an append-only AuditEvent.
 */
export interface AuditRecord {
  /** Where the request came in. */
  source: 'proxy' | 'api';
  /** The Drover user's name, and uid when known. */
  user: string;
  userUid?: string;
  /** The cluster the request targets (the proxy's, or the namespace of a management write). */
  cluster?: string;
  /** The Kubernetes verb: create, update, patch, delete, deletecollection, exec, attach, portforward, proxy, … */
  verb: string;
  method: string;
  /** Request path without the query string. */
  path: string;
  /** HTTP status answered (101 for an accepted upgrade). */
  code: number;
  durationMs: number;
  /** When the request arrived. */
  time: Date;
}

/** Takes audit records; never throws and never blocks the request (writes happen behind it). */
export interface AuditSink {
  record(rec: AuditRecord): void;
}
