/**
 * The server process (loaded by main.ts): the only place that reads the environment and argv,
 * creates the root logger, opens the store, handles signals and listens.
 * `node packages/server/src/main.ts --help`.
 */
import { buildServer, loadServerPki } from './app.ts';
import { startBanner } from './banner.ts';
import { helpText, parseConfig } from './config.ts';
import { heapCompactorRunnable } from './heap-compactor.ts';
import { createManager } from './controllers/manager.ts';
import { isDroverError } from './errors.ts';
import { ensureAdmin } from './auth/users.ts';
import { allKinds } from './kinds/index.ts';
import { migrateMemberUids } from './kinds/migrate-member-uids.ts';
import { migrateSecretFields } from './kinds/migrate-secret-fields.ts';
import { createLogger, logDestination } from './logger.ts';
import { metricsListener } from './metrics-server.ts';
import { registerHeapCompactionMetric } from './metrics.ts';
import { listeningServer, openStore } from './process-runnables.ts';
import { secureDataDir } from './secrets/data-dir.ts';
import { loadSecretBox } from './secrets/secret-box.ts';
import { listenHost } from '@drover/pki';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseConfig(process.env, process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`drover-server: ${isDroverError(err) ? err.message : String(err)}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(helpText());
    return;
  }
  const { config } = parsed;
  // Logs go to stderr; stdout carries only the start banner (with a one-time password).
  const logger = createLogger({ level: config.logLevel }, logDestination(config.logFormat, process.stderr.isTTY));
  secureDataDir(config.dataDir, config.caKeyFile === undefined ? {} : { caKeyFile: config.caKeyFile });
  const opened = await openStore(config, logger);
  const { store } = opened;
  logger.info({ store: opened.description }, 'store open');
  const secretBox = loadSecretBox(config.dataDir);
  const migrated = await migrateSecretFields(store, allKinds, secretBox);
  if (migrated.ran) logger.info({ rewritten: migrated.rewritten }, 'removed stored secret fields (one-time migration)');
  const members = await migrateMemberUids(store);
  if (members !== undefined) logger.info(members, 'bound cluster members to their users (one-time migration)');
  const admin = await ensureAdmin(store, config.adminPassword);
  const pki = await loadServerPki(config);
  if (pki.caCreated) logger.info({ caChecksum: pki.caChecksum }, 'created the server CA');
  if (pki.serverIssued) logger.info({ notAfter: pki.serverNotAfter.toISOString() }, 'issued the server certificate');
  const app = await buildServer(config, { store, logger, pki, secretBox });
  const host = listenHost(config.listen) || '0.0.0.0';
  const port = Number(config.listen.slice(config.listen.lastIndexOf(':') + 1));
  // The server bounds its own drain by shutdownTimeoutMs; this bound is the backstop above it.
  const manager = createManager({ name: 'drover-server', logger, gracefulShutdownMs: config.shutdownTimeoutMs + 5000 });
  for (const [name, runnable] of opened.runnables) manager.add(name, runnable);
  if (config.heapCompactionIntervalMs > 0) {
    const compactor = heapCompactorRunnable(logger, { minIntervalMs: config.heapCompactionIntervalMs });
    registerHeapCompactionMetric(app.drover.metrics.registry, compactor);
    manager.add('heap-compactor', compactor);
  }
  if (config.metricsListen !== '') manager.add('metrics', metricsListener(config.metricsListen, app.drover.metrics.registry, logger));
  manager.add('server', listeningServer(app, { host: host === '*' ? '0.0.0.0' : host, port }));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    manager
      .close()
      .then(
        () => {
          logger.info('stopped');
          logger.flush();
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await manager.start(new AbortController().signal);
  const addr = app.server.address();
  const bound = addr !== null && typeof addr === 'object' ? addr.port : port;
  process.stdout.write(
    startBanner({
      config,
      port: bound,
      caChecksum: app.drover.caChecksum,
      adminCreated: admin.created,
      ...(admin.generatedPassword === undefined ? {} : { generatedPassword: admin.generatedPassword }),
    }),
  );
}

main().catch((err: unknown) => {
  const text = isDroverError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`drover-server: ${text}\n`);
  process.exit(1);
});
