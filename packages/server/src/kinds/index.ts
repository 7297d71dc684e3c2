/** The kinds of the management API (`management.drover.dev/v1`), in discovery order. */
import { clusterMemberKind } from './cluster-member.ts';
import { clusterKind } from './cluster.ts';
import { eventKind } from './event.ts';
import type { KindDefinition } from './kind-definition.ts';
import { nodeKind } from './node.ts';
import { registrationTokenKind } from './registration-token.ts';
import { tokenKind } from './token.ts';
import { userKind } from './user.ts';

export const allKinds: readonly KindDefinition[] = [clusterKind, nodeKind, registrationTokenKind, clusterMemberKind, eventKind, userKind, tokenKind];

export { clusterKind, nodeKind, registrationTokenKind, clusterMemberKind, eventKind, userKind, tokenKind };
export type { KindDefinition, PrinterColumn } from './kind-definition.ts';
export type { Cluster } from './cluster.ts';
export type { Node } from './node.ts';
export type { RegistrationToken } from './registration-token.ts';
export type { ClusterMember } from './cluster-member.ts';
export type { Event } from './event.ts';
export type { User } from './user.ts';
export type { Token } from './token.ts';
