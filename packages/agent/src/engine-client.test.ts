/**
 * engine-client.ts against the real engine (list by label, remove, a 404 naming the call) and,
 * for the failures a healthy engine never shows (no answer, oversized or broken bodies), against a
 * scripted HTTP server on a unix socket.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocker, type ContainerSummary } from './docker.ts';
import { createEngineClient, EngineApiError } from './engine-client.ts';
import { busyboxImage, docker, dockerAnswers, DOCKER_SOCKET } from './test-support/local-image.ts';

async function failure(p: Promise<unknown>): Promise<EngineApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EngineApiError) return err;
    throw err;
  }
  throw new Error('expected an EngineApiError');
}

const engineUp = await dockerAnswers();
const noEngine = engineUp ? '' : ' (skipped: no dockerd answers on /var/run/docker.sock; ./scripts/test starts one)';

describe.skipIf(!engineUp)(`the agent's Docker calls on the real engine${noEngine}`, () => {
  const label = `drover.test/engine-client=${randomBytes(6).toString('hex')}`;
  const api = createDocker(`unix://${DOCKER_SOCKET}`);
  let id = '';
  beforeAll(async () => {
    const image = await busyboxImage();
    if (image === undefined) throw new Error('no /usr/bin/busybox to build the test image from');
    id = (await docker(['create', '--label', label, image, 'true'])).trim();
  });
  afterAll(async () => {
    if (id) await docker(['rm', '-f', id]).catch(() => undefined);
  });

  it('pings, reads /info, lists by label (stopped containers too), removes, and a second remove is a 404 naming the call', async () => {
    expect(await api.ping()).toBe('OK');
    expect((await api.info()).ID).toEqual(expect.any(String));
    const filters = JSON.stringify({ label: [label] });
    const listed: ContainerSummary[] = await api.listContainers({ all: true, filters });
    expect(listed.map((c) => c.Id)).toEqual([id]);
    expect(listed[0]!.State).toBe('created');
    expect(listed[0]!.Labels?.['drover.test/engine-client']).toBe(label.split('=')[1]);
    expect(listed[0]!.Created).toBeGreaterThan(1_600_000_000);
    expect(await api.listContainers({ all: false, filters })).toEqual([]);
    await api.removeContainer(id);
    expect(await api.listContainers({ all: true, filters })).toEqual([]);
    const err = await failure(api.removeContainer(id));
    expect(err.statusCode).toBe(404);
    expect(err.call).toBe(`DELETE /containers/${id}`);
    expect(err.message).toMatch(new RegExp(`^DELETE /containers/${id}: the engine answered 404: No such container`));
    id = '';
  });
});

describe('engine client failures', () => {
  let dir: string;
  let server: Server;
  let socketPath: string;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-client-'));
    socketPath = join(dir, 'engine.sock');
    server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('sends JSON with its query and reads JSON back', async () => {
    handle = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString()) as unknown }));
      });
    };
    const r = await createEngineClient({ socketPath }).request('POST', '/containers/create', { query: { name: 'a b', all: true }, body: { Image: 'x' } });
    expect(r).toEqual({ method: 'POST', url: '/containers/create?name=a+b&all=true', type: 'application/json', body: { Image: 'x' } });
  });

  it('an error status carries the engine\'s message and the status', async () => {
    handle = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'driver failed' }));
    };
    const err = await failure(createEngineClient({ socketPath }).request('GET', '/info'));
    expect(err).toMatchObject({ statusCode: 500, call: 'GET /info', message: 'GET /info: the engine answered 500: driver failed' });
  });

  it('no answer within the timeout fails the call with ETIMEDOUT', async () => {
    handle = () => undefined; // never answers
    const started = Date.now();
    const err = await failure(createEngineClient({ socketPath }, { timeoutMs: 200 }).request('GET', '/containers/json'));
    expect(err).toMatchObject({ code: 'ETIMEDOUT', statusCode: undefined, message: 'GET /containers/json: no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a body past the size bound, or JSON that does not parse, fails the call', async () => {
    handle = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('x'.repeat(4096));
    };
    const big = await failure(createEngineClient({ socketPath }, { maxResponseBytes: 1024 }).request('GET', '/containers/json'));
    expect(big.message).toBe('GET /containers/json: the response is larger than 1024 bytes');
    const bad = await failure(createEngineClient({ socketPath }).request('GET', '/containers/json'));
    expect(bad.message).toMatch(/^GET \/containers\/json: the engine's answer is not JSON/);
  });

  it('a socket nobody listens on fails with the socket\'s error code', async () => {
    const err = await failure(createEngineClient({ socketPath: join(dir, 'missing.sock') }).request('GET', '/_ping'));
    expect(err.code).toBe('ENOENT');
    expect(err.message).toMatch(/^GET \/_ping: connect ENOENT /);
  });
});
