/** Routes of discovery and OpenAPI, and the 404 Status for every unserved path under /api, /apis and /openapi. */
import type { FastifyInstance } from 'fastify';
import { requireUser } from './authz.ts';
import type { ApiContext } from './context.ts';
import { aggregatedDiscovery, aggregatedWanted, apiGroupList, apiGroupOf, apiResourceList, apiVersions, versionInfo } from './discovery.ts';
import { pathNotFound } from '../errors-kube.ts';
import { buildOpenApi } from './openapi.ts';

export function registerDiscoveryRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const openapi = buildOpenApi(ctx);

  app.get('/version', { config: { auth: 'none' } }, async (_req, reply) => reply.type('application/json').send(versionInfo(ctx)));

  for (const legacy of [true, false]) {
    app.get(legacy ? '/api' : '/apis', async (req, reply) => {
      requireUser(req);
      const aggregated = aggregatedWanted(req.headers.accept);
      if (aggregated !== undefined) {
        const version = aggregated.includes('v=v2beta1') ? 'v2beta1' : 'v2';
        return reply.header('content-type', aggregated).header('vary', 'Accept').send(Buffer.from(JSON.stringify(aggregatedDiscovery(ctx, legacy, version))));
      }
      return reply.type('application/json').header('vary', 'Accept').send(legacy ? apiVersions() : apiGroupList(ctx));
    });
  }

  app.get('/apis/:group', async (req, reply) => {
    requireUser(req);
    const body = apiGroupOf(ctx, (req.params as { group: string }).group);
    if (body === undefined) throw pathNotFound();
    return reply.type('application/json').send(body);
  });

  app.get('/apis/:group/:version', async (req, reply) => {
    requireUser(req);
    const { group, version } = req.params as { group: string; version: string };
    const body = apiResourceList(ctx, group, version);
    if (body === undefined) throw pathNotFound();
    return reply.type('application/json').send(body);
  });

  app.get('/openapi/v3', async (req, reply) => {
    requireUser(req);
    return reply.type('application/json').send(openapi.index);
  });

  app.get('/openapi/v3/apis/:group/:version', async (req, reply) => {
    requireUser(req);
    const { group, version } = req.params as { group: string; version: string };
    const doc = openapi.documents.get(`apis/${group}/${version}`);
    if (doc === undefined) throw pathNotFound();
    const hash = (req.query as { hash?: string }).hash;
    reply.header('etag', `"${doc.hash}"`);
    if (hash === doc.hash) reply.header('cache-control', 'public, immutable');
    else reply.header('cache-control', 'no-cache, private');
    return reply.type('application/json').send(doc.body);
  });

  const notFound = (): Promise<never> => Promise.reject(pathNotFound());
  for (const url of ['/api/*', '/apis/*', '/openapi/*']) app.all(url, notFound);
}
