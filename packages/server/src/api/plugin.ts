/**
 * apiPlugin: the Kubernetes-style management API as a fastify plugin. Register it after the
 * authentication hook that sets `request.user`. Encapsulated: its body parsers and error handler
 * apply to its own routes only.
 *
 * ```ts
 * await app.register(apiPlugin({ store, authorizer, kinds: allKinds, hooks, version: { drover: '0.1.0' } }));
 * ```
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerAuditHook } from './audit-hook.ts';
import { createApiContext } from './context.ts';
import type { ApiPluginOptions } from './context.ts';
import { registerDiscoveryRoutes } from './discovery-routes.ts';
import { statusErrorHandler } from '../error-status.ts';
import { registerResourceRoutes } from './resource-routes.ts';
import { registerReviewRoutes } from './reviews.ts';
import type { WatchRegistry } from './watch.ts';

export function apiPlugin(opts: ApiPluginOptions): FastifyPluginAsync {
  const ctx = createApiContext(opts);
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  return async (app) => {
    const watches: WatchRegistry = new Set();
    app.removeAllContentTypeParsers();
    // Bodies are decoded by the handlers (JSON, YAML, patches, protobuf), so every failure is a Status.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.limits.maxBodyBytes }, (_req, body, done) => done(null, body));
    app.setErrorHandler(statusErrorHandler('kube'));
    // Watches are long-lived: end them when the server closes, so close() can drain.
    app.addHook('preClose', (done) => {
      for (const stop of [...watches]) stop();
      done();
    });
    if (opts.audit !== undefined) registerAuditHook(app, ctx, opts.audit);
    registerDiscoveryRoutes(app, ctx);
    registerReviewRoutes(app, ctx);
    registerResourceRoutes(app, ctx, watches);
  };
}
