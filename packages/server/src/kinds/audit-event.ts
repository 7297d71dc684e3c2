/**
 * AuditEvent: one audited request (a write to the management API, or a write, exec, attach or
 * port-forward through the Kubernetes API proxy), as the audit log (audit/) stores it. Cluster-
 * scoped so a Cluster's delete does not take its audit trail with it; `cluster` and `clusterUid`
 * say which cluster it concerns. Append-only: only the server writes them; admins read all, a
 * cluster's owners read those of their cluster (docs/adr/0016-audit-events.md).
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { ownersOfRecordedCluster } from '../resources/access.ts';
import { StringEnum, pathColumn, pick } from './meta.ts';

/** Label naming the cluster an AuditEvent concerns (`kubectl get auditevents -l management.drover.dev/cluster=prod`). */
export const AUDIT_CLUSTER_LABEL = 'management.drover.dev/cluster';
/** Label naming where it came in: `proxy` or `api`. */
export const AUDIT_SOURCE_LABEL = 'management.drover.dev/audit-source';

export const auditEvents = defineResource({
  kind: 'AuditEvent',
  plural: 'auditevents',
  shortNames: ['audit'],
  scope: 'Cluster',
  description:
    'One audited request: a write to the management API, or a write, exec, attach or port-forward through the Kubernetes API proxy. Written by the server only (no user may create, change or delete one); readable by admins and by the owners of the cluster it concerns; deleted DROVER_AUDIT_TTL (default 30 days) after it happened.',
  schema: {
    source: StringEnum(['proxy', 'api'], { description: 'Where the request came in: the Kubernetes API proxy or the management API.' }),
    user: Type.Object(
      {
        name: Type.String({ description: 'The Drover user name.' }),
        uid: opt(Type.String({ description: 'The User object\'s uid, when known.' })),
      },
      { description: 'Who made the request.' },
    ),
    cluster: opt(Type.String({ description: 'The cluster the request concerns; absent for writes that concern none (Users, Tokens).' })),
    clusterUid: opt(
      Type.String({ description: 'The uid of that Cluster when the event was written; its owners read the event only while the Cluster with this uid exists (a re-created name does not inherit it).' }),
    ),
    verb: Type.String({ description: 'The Kubernetes verb: create, update, patch, delete, deletecollection, exec, attach, portforward, proxy, ...' }),
    method: Type.String({ description: 'The HTTP method.' }),
    path: Type.String({ description: 'The request path without the query string.' }),
    code: Type.Integer({ description: 'The HTTP status answered (101 for an accepted upgrade).' }),
    durationMs: Type.Number({ minimum: 0, description: 'How long the request took (ms; for an upgrade, until the 101).' }),
    time: Type.String({ format: 'date-time', description: 'When the request arrived (RFC 3339 with milliseconds).' }),
  },
  statusSubresource: false,
  // Discovery tells the truth: nothing but reads. Writes are refused with 403 for everyone, admins included (access).
  verbs: ['get', 'list', 'watch'],
  printerColumns: [
    pathColumn('Time', 'time', 'When the request arrived.'),
    {
      name: 'User',
      type: 'string',
      description: 'Who made the request.',
      priority: 0,
      cell: (obj) => {
        const name = pick(obj, 'user.name');
        return typeof name === 'string' ? name : null;
      },
    },
    pathColumn('Cluster', 'cluster', 'The cluster it concerns.'),
    pathColumn('Verb', 'verb', 'The Kubernetes verb.'),
    { name: 'Code', type: 'integer', description: 'The HTTP status answered.', priority: 0, cell: (obj) => (typeof pick(obj, 'code') === 'number' ? (pick(obj, 'code') as number) : null) },
    pathColumn('Path', 'path', 'The request path.'),
    pathColumn('Source', 'source', 'proxy or api.', 1),
    pathColumn('Method', 'method', 'The HTTP method.', 1),
    pathColumn('Duration', 'durationMs', 'Milliseconds the request took.', 1),
    { name: 'Name', type: 'string', format: 'name', description: 'Generated; sorts by time.', priority: 1, cell: (obj) => obj.metadata.name },
  ],
  access: ownersOfRecordedCluster(),
});

/** The kind as the generic API serves it. */
export const auditEventKind = auditEvents.def;

export type AuditEvent = TypeOf<typeof auditEvents>;
