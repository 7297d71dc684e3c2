/** A real Drover server on 127.0.0.1 for the agent's real-server tests: SQLite in a temp dir, an admin, a Cluster "prod". */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLogger as serverLogger, ensureAdmin, parseConfig } from '@drover/server';
import { createStore, type Store } from '@drover/store';

export type App = Awaited<ReturnType<typeof buildServer>>;
const G = '/apis/management.drover.dev/v1';

export interface ApiBody {
  metadata?: { resourceVersion?: string };
  status?: Record<string, unknown> & { state?: string; token?: string; nodeCommand?: string };
  items?: unknown[];
}

export interface RealServer {
  app: App;
  dir: string;
  api(method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<{ status: number; body: ApiBody }>;
  /** The agent's argv from a new RegistrationToken's node command (after the image). */
  nodeCommandArgv(tokenName: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Splits a command rendered by the server's shellJoin (plain words and '...' quoting). */
export function shellSplit(cmd: string): string[] {
  const words: string[] = [];
  for (const m of cmd.matchAll(/(?:'([^']*)'|(\S+))/g)) words.push(m[1] ?? m[2]!);
  return words;
}

export async function startRealServer(): Promise<RealServer> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-real-'));
  const store: Store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data') });
  const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_TUNNEL_GOAWAY_GRACE_MS: '300' }, []);
  if (parsed.help) throw new Error('help');
  await ensureAdmin(store, 'agent-real-password');
  const app = await buildServer(parsed.config, { store, logger: serverLogger({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: 'agent-real-password' } });
  const admin = login.json<{ token: string }>().token;
  const api: RealServer['api'] = async (method, path, body) => {
    const res = await app.inject({ method, url: `${G}${path}`, headers: { authorization: `Bearer ${admin}` }, ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, body: JSON.parse(res.body) as ApiBody };
  };
  await api('POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'prod' } });
  return {
    app,
    dir,
    api,
    async nodeCommandArgv(tokenName) {
      const rt = await api('POST', '/namespaces/prod/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: tokenName }, spec: { roles: ['worker'] } });
      if (rt.status !== 201) throw new Error(`RegistrationToken: ${rt.status}`);
      const words = shellSplit(rt.body.status!.nodeCommand!);
      return words.slice(words.findIndex((w) => /(^|\/)drover\/agent:/.test(w)) + 1);
    },
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
