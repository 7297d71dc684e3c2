/** A hand-driven peer for protocol tests: sends crafted frames, records what the session sends. */
import { tunnel, TUNNEL_PROTOCOL_VERSION } from '@drover/protocol';
import { decodeFrame, encodeControl, type Frame } from '../frame.ts';
import type { Transport } from '../transport.ts';

export interface RawPeer {
  frames: Frame[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Buffer): void;
  hello(version?: number, minVersion?: number): void;
  /** Resolves with the first received frame matching `pred` (waits for it). */
  waitFor(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
}

export function rawPeer(transport: Transport): RawPeer {
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  let resolveClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  transport.attach({
    message(buf) {
      const f = decodeFrame(buf, 16 * 1024 * 1024);
      frames.push(f);
      for (const w of [...waiters]) {
        if (w.pred(f)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(f);
        }
      }
    },
    close: (code, reason) => resolveClosed({ code, reason }),
  });
  return {
    frames,
    closed,
    send: (frame) => transport.send(frame),
    hello(version = TUNNEL_PROTOCOL_VERSION, minVersion = 1) {
      transport.send(encodeControl(0, { hello: { version, minVersion, capabilities: ['sync-streams', 'goaway'], limits: { maxFrameBytes: 65536, maxStreams: 100 } } }));
    },
    waitFor(pred, ms = 5000) {
      const found = frames.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`frame not seen within ${ms} ms`)), ms);
        waiters.push({ pred, resolve: (f) => { clearTimeout(t); resolve(f); } });
      });
    },
  };
}

export const Code = tunnel.Code;
