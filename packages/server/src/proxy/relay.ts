/**
 * The byte relay of an accepted upgrade: client ⇄ apiserver, with backpressure both ways (a side
 * that cannot take more pauses the other), half-close relayed (an `end` from one side ends the
 * other's writing side). If the apiserver side fails (tunnel reset, TLS error) on a WebSocket, the
 * client gets a Close frame 1011 when the stream is between frames, instead of a bare TCP drop.
 */
import type { Duplex } from 'node:stream';
import { closeFrame, FrameBoundaryTracker } from './ws-frames.ts';

export interface RelayOptions {
  /** The client speaks WebSocket (its failures get a Close frame). */
  websocket: boolean;
  /** Called once when both sides are closed. */
  onClose?: () => void;
}

export function relayUpgraded(client: Duplex, upstream: Duplex, options: RelayOptions): void {
  const tracker = options.websocket ? new FrameBoundaryTracker() : undefined;
  let upstreamEnded = false;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    options.onClose?.();
  };

  upstream.on('data', (chunk: Buffer) => {
    tracker?.push(chunk);
    if (!client.write(chunk)) upstream.pause();
  });
  client.on('drain', () => upstream.resume());
  client.on('data', (chunk: Buffer) => {
    if (!upstream.write(chunk)) client.pause();
  });
  upstream.on('drain', () => client.resume());

  upstream.on('end', () => {
    upstreamEnded = true;
    client.end();
  });
  client.on('end', () => upstream.end());

  const upstreamFailed = (reason: string): void => {
    if (upstreamEnded || client.destroyed) return;
    upstreamEnded = true;
    if (tracker?.atBoundary === true && client.writable) client.end(closeFrame(1011, `apiserver connection failed: ${reason}`));
    else client.destroy();
  };
  upstream.on('error', (err: Error) => upstreamFailed(err.message));
  upstream.on('close', () => {
    upstreamFailed('closed');
    if (client.destroyed) finish();
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => {
    upstream.destroy();
    finish();
  });
  client.resume();
}
