/**
 * Audit of the management API: every write to a resource route (POST, PUT, PATCH, DELETE on
 * `/apis/<group>/<version>/...`: create, update, patch, delete, deletecollection and status
 * writes) by an authenticated caller goes to the audit sink with its final status code, refused
 * ones (403, 404, 409, 422, ...) included. Reads, access reviews (questions, not writes) and
 * unauthenticated requests (401: nothing was written, and an anonymous flood must not crowd the
 * queue) are not audited. The cluster is the namespace of a namespaced kind, or the object's
 * name for a write to a Cluster. docs/adr/0016.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditSink } from '../audit/record.ts';
import type { RequestUser } from './contract.ts';
import type { ApiContext } from './context.ts';
import type { ResourceRequest } from './resource-request.ts';

/** The route every resource request goes through (resource-routes.ts). */
export const RESOURCE_ROUTE = '/apis/:group/:version/*';

const kResource = Symbol('drover.api.resourceRequest');
type WithResource = FastifyRequest & { [kResource]?: ResourceRequest };

/** Remembers the routed request, so its audit record names the cluster and the object. */
export function noteResourceRequest(request: FastifyRequest, r: ResourceRequest): void {
  (request as WithResource)[kResource] = r;
}

const VERB_OF_METHOD: Readonly<Record<string, string>> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

function verbOf(method: string, r: ResourceRequest | undefined): string {
  if (method === 'DELETE' && r !== undefined && r.name === undefined) return 'deletecollection';
  return VERB_OF_METHOD[method] ?? method.toLowerCase();
}

function clusterOf(ctx: ApiContext, r: ResourceRequest | undefined): string | undefined {
  if (r === undefined) return undefined;
  if (r.kind === ctx.clusters) return r.name ?? r.createdName;
  return r.kind.def.namespaced ? r.namespace : undefined;
}

export function registerAuditHook(app: FastifyInstance, ctx: ApiContext, sink: AuditSink): void {
  app.addHook('onResponse', (request, reply, done) => {
    const method = request.method;
    if (request.routeOptions.url === RESOURCE_ROUTE && VERB_OF_METHOD[method] !== undefined) {
      const user = (request as FastifyRequest & { user?: RequestUser | null }).user;
      if (user !== undefined && user !== null && user.via !== 'anonymous') {
        const r = (request as WithResource)[kResource];
        const cluster = clusterOf(ctx, r);
        const durationMs = reply.elapsedTime;
        sink.record({
          source: 'api',
          user: user.name,
          ...(user.uid === '' ? {} : { userUid: user.uid }),
          ...(cluster === undefined ? {} : { cluster }),
          verb: verbOf(method, r),
          method,
          path: request.url.split('?')[0] ?? request.url,
          code: reply.statusCode,
          durationMs,
          time: new Date(ctx.now().getTime() - durationMs),
        });
      }
    }
    done();
  });
}
