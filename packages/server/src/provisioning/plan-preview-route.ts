/**
 * `POST /v1/clusters/:cluster/plan-preview`: a dry run. The body is a Cluster spec; the answer is
 * the Plans that spec would give (as the plan controller computes them) and, per node, each
 * container that would be created, replaced (with the changed fields) or removed and each file that
 * would change, against the stored Plans. Nothing is written — no Plan, no certificate: one that
 * would be (re)issued shows as a `pending:` digest, so its files and readers show as changing.
 * Authorized as an update of that Cluster (who may not see it gets 404). Unplannable: 422 saying
 * why, as the PlanReady condition would.
 *
 * ```sh
 * curl -X POST -H "authorization: Bearer $T" -d @spec.json https://drover.example/v1/clusters/edge/plan-preview
 * ```
 */
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import type { RequestUser } from '../api/contract.ts';
import { previewComponentCertificates } from '../cluster-pki/component-certs.ts';
import { DroverError } from '../errors.ts';
import { ClusterSpec } from '../kinds/cluster.ts';
import type { Cluster } from '../kinds/cluster.ts';
import { GROUP, RESOURCES } from '../kinds/resources.ts';
import { planCluster } from './plan-cluster.ts';
import { diffNodePlan } from './plan-diff.ts';
import type { NodePlanDiff } from './plan-diff.ts';
import type { NodePlan } from './plan-types.ts';
import type { VersionTable } from './versions.ts';

export interface PlanPreview {
  cluster: string;
  plans: NodePlan[];
  nodes: NodePlanDiff[];
  /** Nodes not planned yet: "<name>: <why>". */
  waiting: string[];
}

export function registerPlanPreview(app: FastifyInstance, table: VersionTable): void {
  app.post<{ Params: { cluster: string }; Body: unknown }>('/v1/clusters/:cluster/plan-preview', async (request, reply) => {
    const { cluster: name } = request.params;
    const user: RequestUser = request.user;
    const { store, authorizer } = app.drover;
    const target = { group: GROUP, resource: 'clusters', name };
    if (!(await authorizer.allowed(user, { verb: 'update', ...target }))) {
      if (await authorizer.allowed(user, { verb: 'get', ...target })) throw new DroverError('DROVER_ERR_API_FORBIDDEN', `clusters.${GROUP} "${name}" is forbidden: ${user.name} may not update it`);
      throw new DroverError('DROVER_ERR_API_NOT_FOUND', `clusters.${GROUP} "${name}" not found`);
    }
    const cluster = await store.tryGet(RESOURCES.clusters, '', name);
    if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) throw new DroverError('DROVER_ERR_API_NOT_FOUND', `clusters.${GROUP} "${name}" not found`);
    const body = request.body ?? {};
    if (!Value.Check(ClusterSpec, body)) {
      const errors = [...Value.Errors(ClusterSpec, body)].slice(0, 5);
      throw new DroverError('DROVER_ERR_API_INVALID', `the body must be a Cluster spec: ${errors.map((e) => `spec${e.path.replaceAll('/', '.')}: ${e.message}`).join('; ')}`);
    }
    const [{ items: nodes }, { items: stored }] = await Promise.all([store.list(RESOURCES.nodes, { namespace: name }), store.list(RESOURCES.plans, { namespace: name })]);
    const { plans, waiting } = await planCluster({ cluster: name, spec: body, table, nodes, certificates: (specs) => previewComponentCertificates(store, cluster, specs), etcd: (cluster as Cluster).status?.etcd });
    const storedBy = new Map(stored.map((p) => [p.metadata.name, p.spec as NodePlan]));
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    const diffs = [...plans.values()].map((p) => diffNodePlan(p.node, storedBy.get(p.node), p));
    // As the controller: a stored Plan goes only with its Node.
    for (const [node, p] of storedBy) if (!nodeNames.has(node)) diffs.push(diffNodePlan(node, p, undefined));
    diffs.sort((a, b) => (a.node < b.node ? -1 : 1));
    const preview: PlanPreview = { cluster: name, plans: [...plans.values()], nodes: diffs, waiting };
    return reply.header('cache-control', 'no-store').send(preview);
  });
}
