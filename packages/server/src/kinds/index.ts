/** The kinds of the management API (`management.drover.dev/v1`), in discovery order (see resources/index.ts). */
import { registry } from '../resources/index.ts';
import type { KindDefinition } from './kind-definition.ts';

export const allKinds: readonly KindDefinition[] = registry.kinds;

export { clusterKind } from './cluster.ts';
export { nodeKind } from './node.ts';
export { registrationTokenKind } from './registration-token.ts';
export { clusterMemberKind } from './cluster-member.ts';
export { eventKind } from './event.ts';
export { userKind } from './user.ts';
export { tokenKind } from './token.ts';
export { auditEventKind } from './audit-event.ts';
export { kubernetesVersionKind } from './kubernetes-version.ts';
export { planKind } from './plan.ts';
export type { KindDefinition, PrinterColumn } from './kind-definition.ts';
export type { Cluster } from './cluster.ts';
export type { Node } from './node.ts';
export type { RegistrationToken } from './registration-token.ts';
export type { ClusterMember } from './cluster-member.ts';
export type { Event } from './event.ts';
export type { User } from './user.ts';
export type { Token } from './token.ts';
export type { AuditEvent } from './audit-event.ts';
export type { KubernetesVersion } from './kubernetes-version.ts';
export type { Plan } from './plan.ts';
