/** Test helpers shared by the tunnel's test files (not exported from the package). */
import { duplexPair as nodeDuplexPair, type Duplex } from 'node:stream';
import { Session, type SessionOptions } from '../session.ts';
import { createMemoryTransportPair, type MemoryTransportPair } from '../transport.ts';
import type { Dialer, Target } from '../dial.ts';

export interface SessionPair {
  client: Session;
  server: Session;
  pair: MemoryTransportPair;
}

/** Two started sessions over an in-memory transport; awaits the handshake. */
export async function memorySessions(client: Partial<SessionOptions> = {}, server: Partial<SessionOptions> = {}): Promise<SessionPair> {
  const pair = createMemoryTransportPair();
  const c = new Session(pair.a, { role: 'client', ...client }).start();
  const s = new Session(pair.b, { role: 'server', ...server }).start();
  await Promise.all([c.ready(), s.ready()]);
  return { client: c, server: s, pair };
}

/** A dialer whose every connection echoes what it receives, honouring half-close. */
export const echoDialer: Dialer = () => {
  const [inner, outer] = duplexPair();
  inner.pipe(inner);
  return Promise.resolve(outer);
};

/** A dialer that hands each accepted connection to `onConnection` (the far end). */
export function capturingDialer(onConnection: (far: Duplex, target: Target) => void): Dialer {
  return (target) => {
    const [inner, outer] = duplexPair();
    onConnection(inner, target);
    return Promise.resolve(outer);
  };
}

/** An in-memory socket pair (node:stream's duplexPair): end() is half-close. */
export function duplexPair(): [Duplex, Duplex] {
  return nodeDuplexPair({ allowHalfOpen: true });
}

/** Reads a stream to its end. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Resolves with the next 'error' of an emitter, or rejects after `ms`. */
export function nextError(emitter: NodeJS.EventEmitter, ms = 5000): Promise<Error & { code?: string }> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no error within ${ms} ms`)), ms);
    emitter.once('error', (err: Error) => {
      clearTimeout(t);
      resolve(err);
    });
  });
}
