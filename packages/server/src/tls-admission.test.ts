import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { testPki } from '@drover/tunnel/testing';
import { admitTlsHandshakes, type TlsAdmission } from './tls-admission.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const warnings: string[] = [];
const log = { warn: (_f: unknown, msg: string) => void warnings.push(msg) } as unknown as FastifyBaseLogger;

async function tlsServer(options: { maxInFlight: number; maxWaitMs: number; handshakeTimeoutMs: number }): Promise<{ server: Server; port: number; ca: string; admission: TlsAdmission }> {
  const pki = await testPki();
  const server = createServer({ cert: pki.chainPem, key: pki.keyPem, handshakeTimeout: options.handshakeTimeoutMs }, (_req, res) => res.end('ok'));
  const admission = admitTlsHandshakes(server, options, log);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return { server, port: (server.address() as AddressInfo).port, ca: pki.caPem, admission };
}

/** A TCP connection that never sends a ClientHello: it holds a handshake slot until the timeout. */
async function silent(port: number): Promise<Socket> {
  const s = netConnect(port, '127.0.0.1');
  s.on('error', () => undefined);
  await once(s, 'connect');
  cleanups.push(() => s.destroy());
  return s;
}

/** A TLS client; resolves with ms until its handshake finished, or the error code. */
function handshake(port: number, ca: string): Promise<{ ms: number } | { error: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const s = tlsConnect({ port, host: '127.0.0.1', ca });
    cleanups.push(() => s.destroy());
    s.once('secureConnect', () => resolve({ ms: performance.now() - started }));
    s.once('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
}

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('TLS handshake admission', () => {
  it('runs at most maxInFlight handshakes; the next waits, unread, and starts when a slot frees', async () => {
    const { port, ca, admission } = await tlsServer({ maxInFlight: 2, maxWaitMs: 5000, handshakeTimeoutMs: 600 });
    await silent(port);
    await silent(port);
    await until(() => admission.stats().inFlight === 2);
    const waiting = handshake(port, ca);
    await until(() => admission.stats().queued === 1);
    // The two silent connections time out (600 ms); then the queued client's handshake runs.
    const result = await waiting;
    expect(result).toHaveProperty('ms');
    expect((result as { ms: number }).ms).toBeGreaterThanOrEqual(500);
    await until(() => admission.stats().inFlight === 0 && admission.stats().queued === 0);
  });

  it('frees a slot as soon as its connection closes, and right after a completed handshake', async () => {
    const { port, ca, admission } = await tlsServer({ maxInFlight: 1, maxWaitMs: 5000, handshakeTimeoutMs: 10_000 });
    const s = await silent(port);
    await until(() => admission.stats().inFlight === 1);
    const waiting = handshake(port, ca);
    await until(() => admission.stats().queued === 1);
    s.destroy(); // the client gave up: its slot is free long before the 10 s timeout
    expect(await waiting).toHaveProperty('ms');
    // Sequential handshakes each free their slot on completion.
    for (let i = 0; i < 3; i++) expect(await handshake(port, ca)).toHaveProperty('ms');
    await until(() => admission.stats().inFlight === 0);
  });

  it('closes a connection that waited longer than maxWaitMs, before any crypto, and says so once', async () => {
    warnings.length = 0;
    const { port, ca, admission } = await tlsServer({ maxInFlight: 1, maxWaitMs: 200, handshakeTimeoutMs: 10_000 });
    await silent(port);
    await until(() => admission.stats().inFlight === 1);
    const results = await Promise.all([handshake(port, ca), handshake(port, ca)]);
    for (const r of results) expect(r).toHaveProperty('error');
    expect(admission.stats()).toMatchObject({ inFlight: 1, queued: 0, shed: 2 });
    expect(warnings.filter((w) => w.includes('handshake capacity'))).toHaveLength(1);
  });
});
