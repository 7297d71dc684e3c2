/**
 * One cluster's plans from what the store holds: the spec is checked, nodes without an address are
 * left out (named in `waiting`), the certificates every node needs are listed once and their
 * digests obtained through `certificates` — issued and kept by the plan controller, looked up
 * without writing by a preview — then computePlans runs. Shared by the plan controller and the
 * plan preview, so both compute the same plans.
 */
import type { Static } from '@sinclair/typebox';
import type { StoredObject } from '@drover/store';
import { DroverError, isDroverError } from '../errors.ts';
import type { ClusterSpec } from '../kinds/cluster.ts';
import type { Node } from '../kinds/node.ts';
import { certificateDigest, uniqueCertificateSpecs } from '../cluster-pki/component-certs.ts';
import type { ComponentCertificates } from '../cluster-pki/component-certs.ts';
import { effectiveClusterSpec } from './cluster-defaults.ts';
import { checkClusterSpec } from './cluster-spec-check.ts';
import { computePlans, planNodeOf } from './plan.ts';
import { certificatesFor } from './plan-files.ts';
import type { CertificateSpec } from './plan-files.ts';
import type { EtcdMembership, NodePlan, PlanNode } from './plan-types.ts';
import type { VersionTable } from './versions.ts';

export interface ClusterPlans {
  plans: Map<string, NodePlan>;
  /** Nodes not planned yet: "<name>: <why>". */
  waiting: string[];
}

/** Why a cluster cannot be planned (a Condition reason) and the message. */
export class PlanBlocked extends DroverError {
  readonly conditionReason: 'InvalidSpec' | 'WaitingForNodes' | 'PlanFailed';
  constructor(conditionReason: PlanBlocked['conditionReason'], message: string) {
    super('DROVER_ERR_PLAN_INVALID', message);
    this.conditionReason = conditionReason;
  }
}

export interface PlanClusterInput {
  cluster: string;
  spec: Static<typeof ClusterSpec> | undefined;
  table: VersionTable;
  nodes: readonly StoredObject[];
  /** Digests of the listed certificates' files (issuing them, or previewing). */
  certificates: (specs: CertificateSpec[]) => Promise<ComponentCertificates>;
  /** The recorded etcd membership (Cluster.status.etcd). */
  etcd?: EtcdMembership | undefined;
}

/** @throws PlanBlocked when the cluster cannot be planned (spec invalid, roles missing, plan error) */
export async function planCluster(input: PlanClusterInput): Promise<ClusterPlans> {
  const causes = checkClusterSpec(input.spec, input.table);
  if (causes.length > 0) throw new PlanBlocked('InvalidSpec', causes.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`)).join('; '));
  const planNodes: PlanNode[] = [];
  const waiting: string[] = [];
  for (const n of input.nodes) {
    if (n.metadata.deletionTimestamp !== undefined) continue;
    try {
      planNodes.push(planNodeOf(n as Pick<Node, 'metadata' | 'spec' | 'status'>));
    } catch (err) {
      if (!isDroverError(err, 'DROVER_ERR_PLAN_INVALID')) throw err;
      waiting.push(`${n.metadata.name}: no address yet`);
    }
  }
  planNodes.sort((a, b) => (a.name < b.name ? -1 : 1));
  const missing = (['etcd', 'controlplane'] as const).filter((r) => !planNodes.some((n) => n.roles.includes(r)));
  if (missing.length > 0) {
    const suffix = waiting.length > 0 ? ` (${waiting.join(', ')})` : '';
    throw new PlanBlocked('WaitingForNodes', `waiting for a node with the ${missing.join(' and ')} role${missing.length > 1 ? 's' : ''} and an address${suffix}`);
  }
  const spec = effectiveClusterSpec(input.spec, input.table);
  const specs = uniqueCertificateSpecs(planNodes.map((n) => certificatesFor(n, planNodes, spec)));
  const certs = await input.certificates(specs);
  try {
    const plans = computePlans({ cluster: input.cluster, spec: input.spec, table: input.table, nodes: planNodes, digest: (p) => certificateDigest(certs, p), etcd: input.etcd });
    return { plans, waiting };
  } catch (err) {
    if (isDroverError(err, 'DROVER_ERR_PLAN_INVALID')) throw new PlanBlocked('PlanFailed', err.message);
    throw err;
  }
}
