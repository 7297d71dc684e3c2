#!/usr/bin/env node
/**
 * The agent's entry point: the only place that reads argv and the environment, creates the root
 * logger, handles signals and exits. Exit status: 0 after SIGTERM/SIGINT, else the code's
 * status from errors.ts (2 config, 3 Docker, 4 server, 5 CA/TLS, 6 refused, 7 state, 1 other).
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { startAgent, type RunningAgent } from './agent.ts';
import { helpText, parseAgentConfig, wantsHelp } from './config.ts';
import { createDocker } from './docker.ts';
import { isAgentError } from './errors.ts';
import { createLogger } from './logger.ts';
import { AGENT_VERSION } from './version.ts';

const SHUTDOWN_GRACE_MS = 10_000; // in-flight streams get this long after GOAWAY

const readOptional = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(`${helpText(AGENT_VERSION)}\n`);
    return;
  }
  let config;
  try {
    config = parseAgentConfig(argv, process.env);
  } catch (err) {
    process.stderr.write(`drover-agent: ${(err as Error).message}\n`);
    process.exit(isAgentError(err) ? err.exitCode : 1);
  }
  const log = createLogger({ level: config.logLevel, version: AGENT_VERSION });
  log.info({ server: config.server, roles: config.roles, configDir: config.configDir, dockerHost: config.dockerHost, proxy: config.proxy.httpsProxy ? 'HTTPS_PROXY set' : 'none' }, 'drover-agent starting');
  let agent: RunningAgent;
  try {
    agent = await startAgent(config, {
      docker: createDocker(config.dockerHost),
      log,
      hostname: hostname(), // under --net=host, the host's name
      selfFiles: async () => ({ mountinfo: await readOptional('/proc/self/mountinfo'), cgroup: await readOptional('/proc/self/cgroup') }),
    });
  } catch (err) {
    const code = isAgentError(err) ? err.code : 'DROVER_ERR_AGENT_INTERNAL';
    log.error({ code, details: isAgentError(err) ? err.details : undefined, err: isAgentError(err) ? undefined : err }, (err as Error).message);
    process.stderr.write(`drover-agent: ${(err as Error).message} [${code}]\n`);
    log.flush();
    process.exitCode = isAgentError(err) ? err.exitCode : 1;
    setTimeout(() => process.exit(), 200); // lets the log line drain; open sockets must not keep a failed agent alive
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: GOAWAY to the server, draining open streams');
    const force = setTimeout(() => {
      log.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'drain took too long; closing now');
      agent.destroy();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS + 2_000);
    force.unref();
    void agent.close({ graceMs: SHUTDOWN_GRACE_MS }).then(() => {
      log.info('stopped');
      log.flush();
      process.exitCode = 0;
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
