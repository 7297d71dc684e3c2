/**
 * SelfSubjectAccessReview / SelfSubjectRulesReview (authorization.k8s.io/v1) and
 * SelfSubjectReview (authentication.k8s.io/v1), so `kubectl auth can-i` and `kubectl auth whoami`
 * work. Requests come as protobuf (kubectl) or JSON; answers are JSON, from the same Authorizer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from './authz.ts';
import type { ApiContext } from './context.ts';
import type { RequestAttributes } from './contract.ts';
import { badRequest } from '../errors-kube.ts';
import { PROTOBUF_MEDIA_TYPE, decodeK8sProtobuf } from './k8s-protobuf.ts';
import type { ReviewKind } from './k8s-protobuf.ts';
import { decodeBody, mediaType } from './negotiate.ts';
import { isPlainObject, str } from './object-path.ts';
import type { JsonObject } from './object-path.ts';

function decodeReview(request: FastifyRequest, kind: ReviewKind): JsonObject {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const type = mediaType(request.headers['content-type']);
  if (type === PROTOBUF_MEDIA_TYPE) return decodeK8sProtobuf(body ?? Buffer.alloc(0), kind);
  const decoded = decodeBody(body, request.headers['content-type'], true);
  if (!isPlainObject(decoded)) throw badRequest(`a ${kind} must be an object`);
  return decoded;
}

/** Paths any authenticated user may GET (discovery), for non-resource access reviews. */
const PUBLIC_PATHS = [/^\/api(\/.*)?$/, /^\/apis(\/.*)?$/, /^\/version\/?$/, /^\/openapi(\/.*)?$/, /^\/healthz$/, /^\/readyz$/, /^\/livez$/];

async function accessReview(ctx: ApiContext, request: FastifyRequest): Promise<JsonObject> {
  const user = requireUser(request);
  const review = decodeReview(request, 'SelfSubjectAccessReview');
  const spec = isPlainObject(review.spec) ? review.spec : {};
  const ra = isPlainObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nra = isPlainObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  let allowed: boolean;
  let reason = '';
  if (ra !== undefined) {
    const group = str(ra, 'group') ?? '';
    const resource = str(ra, 'resource') ?? '';
    const own = [...ctx.kinds.values()].find((k) => k.def.group === group && k.def.plural === resource);
    const attrs = { verb: str(ra, 'verb') ?? '', group, resource } as RequestAttributes;
    const sub = str(ra, 'subresource');
    const ns = str(ra, 'namespace');
    const name = str(ra, 'name');
    if (sub) attrs.subresource = sub;
    if (ns && (own === undefined || own.def.namespaced)) attrs.namespace = ns;
    if (name) attrs.name = name;
    allowed = await ctx.authorizer.allowed(user, attrs);
  } else if (nra !== undefined) {
    const path = str(nra, 'path') ?? '';
    allowed = (str(nra, 'verb') ?? '') === 'get' && PUBLIC_PATHS.some((re) => re.test(path));
    reason = allowed ? 'discovery is open to authenticated users' : '';
  } else throw badRequest('spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified');
  const status: JsonObject = { allowed };
  if (reason !== '') status.reason = reason;
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status };
}

async function rulesReview(ctx: ApiContext, request: FastifyRequest): Promise<JsonObject> {
  const user = requireUser(request);
  const review = decodeReview(request, 'SelfSubjectRulesReview');
  const spec = isPlainObject(review.spec) ? review.spec : {};
  const ns = str(spec, 'namespace');
  const rules = await ctx.authorizer.rules(user, ns === '' ? undefined : ns);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      resourceRules: rules,
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version', '/openapi', '/openapi/*', '/healthz', '/readyz', '/livez'] }],
      incomplete: false,
    },
  };
}

function selfReview(request: FastifyRequest): JsonObject {
  const user = requireUser(request);
  decodeReview(request, 'SelfSubjectReview');
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: { username: user.name, uid: user.uid, groups: user.groups, extra: { 'drover.dev/authenticated-via': [user.via] } } },
  };
}

export function registerReviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', async (req, reply) => {
    return reply.code(201).type('application/json').send(await accessReview(ctx, req));
  });
  app.post('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', async (req, reply) => {
    return reply.code(201).type('application/json').send(await rulesReview(ctx, req));
  });
  app.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', (req, reply) => reply.code(201).type('application/json').send(selfReview(req)));
}
