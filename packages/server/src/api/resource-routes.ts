/**
 * Routing of `/apis/<group>/<version>/[namespaces/<ns>/]<plural>[/<name>[/status]]` to the verb
 * handlers, with authentication first (401), then path resolution (404 for unknown kinds,
 * namespaces on cluster-scoped kinds, unknown subresources) and method checks (405).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteResourceRequest, RESOURCE_ROUTE } from './audit-hook.ts';
import { requireUser } from './authz.ts';
import { kindKey } from './context.ts';
import type { ApiContext, KindRuntime } from './context.ts';
import { DroverError } from '../errors.ts';
import { pathNotFound } from '../errors-kube.ts';
import { handleCreate } from './handler-create.ts';
import { handleDelete, handleDeleteCollection } from './handler-delete.ts';
import { handlePatch } from './handler-patch.ts';
import { handleGet, handleList } from './handler-read.ts';
import { handleReplace } from './handler-update.ts';
import { negotiateOutput } from './negotiate.ts';
import { authorizeVerb } from './resource-request.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import type { KindVerb } from '../kinds/kind-definition.ts';
import { handleWatch } from './watch.ts';
import type { WatchRegistry } from './watch.ts';

interface Target {
  kind: KindRuntime;
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | undefined;
}

/** Resolves the path below `/apis/<group>/<version>/`; 404 for anything not served. */
export function resolveTarget(ctx: ApiContext, group: string, version: string, rest: string): Target {
  const segs = rest.split('/');
  if (segs.length > 0 && segs[segs.length - 1] === '') segs.pop();
  if (segs.some((s) => s === '')) throw pathNotFound();
  let namespace: string | undefined;
  let tail = segs;
  if (segs[0] === 'namespaces') {
    namespace = segs[1];
    tail = segs.slice(2);
    if (namespace === undefined || tail.length === 0) throw pathNotFound();
  }
  const [plural, name, sub, ...extra] = tail;
  const kind = plural === undefined ? undefined : ctx.kinds.get(kindKey(group, version, plural));
  if (kind === undefined || extra.length > 0) throw pathNotFound();
  if (namespace !== undefined && !kind.def.namespaced) throw pathNotFound();
  if (namespace === undefined && kind.def.namespaced && name !== undefined) throw pathNotFound();
  if (sub !== undefined && (sub !== 'status' || !kind.def.statusSubresource)) throw pathNotFound();
  return { kind, namespace, name, subresource: sub === undefined ? undefined : 'status' };
}

function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const q = request.query as Record<string, string | string[] | undefined> | undefined;
  for (const [k, v] of Object.entries(q ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

const notAllowed = (method: string) => new DroverError('DROVER_ERR_API_METHOD_NOT_ALLOWED', `the server does not allow this method on the requested resource (${method})`);

function send(reply: FastifyReply, r: ResourceRequest, code: number, body: JsonObject): FastifyReply {
  if (r.warnings.length > 0) reply.header('warning', r.warnings.map((w) => `299 - ${JSON.stringify(w)}`));
  return reply.code(code).type('application/json').send(body);
}

/** The verb of a request (the kind must serve it, else 405). */
function verbOf(method: string, collection: boolean, watch: boolean): KindVerb | undefined {
  switch (method) {
    case 'GET':
      return collection ? (watch ? 'watch' : 'list') : 'get';
    case 'POST':
      return collection ? 'create' : undefined;
    case 'PUT':
      return collection ? undefined : 'update';
    case 'PATCH':
      return collection ? undefined : 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}

export function registerResourceRoutes(app: FastifyInstance, ctx: ApiContext, watches: WatchRegistry): void {
  if (ctx.kinds.size === 0) return;
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: RESOURCE_ROUTE,
    handler: async (request, reply) => {
      const user = requireUser(request);
      const params = request.params as { group: string; version: string; '*': string };
      const target = resolveTarget(ctx, params.group, params.version, params['*']);
      const r: ResourceRequest = { ctx, ...target, user, query: queryOf(request), warnings: [], userAgent: request.headers['user-agent'] ?? '' };
      noteResourceRequest(request, r);
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      const contentType = request.headers['content-type'];
      const method = request.method;
      const collection = target.name === undefined;
      const allNamespaces = target.kind.def.namespaced && target.namespace === undefined;
      const verb = verbOf(method, collection, r.query.watch === 'true' || r.query.watch === '1');
      if (verb !== undefined && target.subresource === undefined && !target.kind.def.verbs.includes(verb)) {
        // Authorization first, as kube-apiserver's filter chain: a caller refused the verb gets 403, not 405.
        await authorizeVerb(r, verb);
        throw notAllowed(method);
      }
      if (method === 'GET') {
        const format = negotiateOutput(request.headers.accept, r.query.includeObject);
        if (collection && (r.query.watch === 'true' || r.query.watch === '1')) return handleWatch(r, format, reply, watches);
        return send(reply, r, 200, collection ? await handleList(r, format) : await handleGet(r, format));
      }
      if (collection) {
        if (method === 'POST' && !allNamespaces) return send(reply, r, 201, await handleCreate(r, body, contentType));
        if (method === 'DELETE' && !allNamespaces) return send(reply, r, 200, await handleDeleteCollection(r, body, contentType));
        throw notAllowed(method);
      }
      if (method === 'PUT') return send(reply, r, 200, await handleReplace(r, body, contentType));
      if (method === 'PATCH') {
        const { code, body: out } = await handlePatch(r, body, contentType);
        return send(reply, r, code, out);
      }
      if (method === 'DELETE' && target.subresource === undefined) return send(reply, r, 200, await handleDelete(r, body, contentType));
      throw notAllowed(method);
    },
  });
}
