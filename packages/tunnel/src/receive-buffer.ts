/**
 * Receive buffers for the sockets the accepting side dials (ADR 0023).
 *
 * Node's default read path allocates a fresh 64 KiB buffer for every read of every socket;
 * on the agent's bulk paths that garbage was a fifth of its CPU. A dialled socket instead
 * reads into one process-wide buffer (net `onread`), and the callback copies the bytes out
 * at once, exactly once, into the chunk that becomes a DATA frame's payload. Chunks of
 * bulk reads come from a small pool and return to it when the frame carrying their last
 * byte has left the process (the writer's send callback), so a busy stream allocates
 * nothing per read. Small reads (requests, responses, pings) take a plain pooled
 * `Buffer.allocUnsafe` slice and are left to the GC.
 *
 * The shared buffer is safe because every read callback runs on the one JS thread and
 * copies everything out before it returns; nothing keeps a view of it.
 */
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';

/** A bulk chunk: one DATA frame's payload at the default frame size (limits.ts). */
export const CHUNK_BYTES = 32 * 1024 - 9;
/**
 * One read at most: two whole chunks (~64 KiB, Node's own default). Exactly 64 KiB left an
 * 18-byte remainder per full read, i.e. an extra tiny DATA frame the server had to handle.
 */
const READ_BYTES = 2 * CHUNK_BYTES;
/** Reads up to this size copy into a Buffer.allocUnsafe slice instead of a pool chunk. */
const SMALL_BYTES = 4 * 1024;
/**
 * Idle chunks kept for reuse (2 MiB at most): what the writer holds in flight (512 KiB by
 * default) plus a few chunks in each busy stream's writable buffer. With 16, eight busy
 * streams emptied the pool and `takeChunk` allocated again (6 % of the agent's CPU).
 */
const POOL_MAX = 64;

let shared: Buffer | undefined;
const idle: ArrayBuffer[] = [];
const ours = new WeakSet<ArrayBuffer>();

/** The one read buffer every dialled socket reads into (allocated on first use). */
function readBuffer(): Buffer {
  shared ??= Buffer.allocUnsafeSlow(READ_BYTES);
  return shared;
}

function takeChunk(bytes: number): Buffer {
  let ab = idle.pop();
  if (ab === undefined) {
    // Not `new ArrayBuffer`: that zero-fills memory the copy overwrites anyway.
    ab = Buffer.allocUnsafeSlow(CHUNK_BYTES).buffer;
    ours.add(ab);
  }
  return Buffer.from(ab, 0, bytes);
}

/** True when `chunk` is a pool chunk whose memory may be handed back once it has been sent. */
export function isPoolChunk(chunk: Buffer): boolean {
  return chunk.byteLength > SMALL_BYTES && ours.has(chunk.buffer as ArrayBuffer);
}

/** Returns a pool chunk's memory; the caller must hold no view of it any more. */
export function releaseChunk(chunk: Buffer): void {
  const ab = chunk.buffer as ArrayBuffer;
  if (idle.length < POOL_MAX && ours.has(ab)) idle.push(ab);
}

/** Idle chunks in the pool (tests). */
export function idleChunks(): number {
  return idle.length;
}

/** Where a dialled socket's bytes go: set by bridge(); until then reads are held and the socket paused. */
interface ReceiveState {
  sink: Writable | undefined;
  held: Buffer[];
  resume: () => void;
}

const states = new WeakMap<Socket, ReceiveState>();

/**
 * The `onread` option for net.connect that routes a socket's bytes through the shared
 * buffer. `socket()` is read lazily: the option is built before connect returns the socket,
 * which must then be passed to {@link markReceiving}.
 */
export function receiveOption(socket: () => Socket): { buffer: Buffer; callback: (n: number, buf: Buffer) => boolean } {
  let state: ReceiveState | undefined;
  return {
    buffer: readBuffer(),
    callback: (n, buf) => {
      state ??= states.get(socket());
      return state === undefined ? true : deliver(state, buf, n);
    },
  };
}

/** Registers a socket created with {@link receiveOption}; its reads are held until {@link receiveInto}. */
export function markReceiving(socket: Socket): Socket {
  states.set(socket, { sink: undefined, held: [], resume: () => socket.resume() });
  return socket;
}

/** Copies `n` bytes out of the shared buffer into the sink; false pauses the socket. */
function deliver(state: ReceiveState, buf: Buffer, n: number): boolean {
  const sink = state.sink;
  let ok = true;
  if (n <= SMALL_BYTES) {
    const chunk = Buffer.allocUnsafe(n);
    buf.copy(chunk, 0, 0, n);
    if (sink === undefined) state.held.push(chunk);
    else ok = sink.write(chunk);
  } else {
    for (let at = 0; at < n; at += CHUNK_BYTES) {
      const len = Math.min(CHUNK_BYTES, n - at);
      const chunk = takeChunk(len);
      buf.copy(chunk, 0, at, at + len);
      if (sink === undefined) state.held.push(chunk);
      else if (!sink.write(chunk)) ok = false;
    }
  }
  if (sink === undefined) return false;
  if (!ok) sink.once('drain', state.resume);
  return ok;
}

/**
 * Sends a socket registered with {@link markReceiving} into `sink`: held bytes first, then
 * every read; the socket pauses while the sink is over its high-water mark. Returns false
 * for any other socket (the caller pipes it as usual).
 */
export function receiveInto(socket: Socket, sink: Writable): boolean {
  const state = states.get(socket);
  if (state === undefined) return false;
  state.sink = sink;
  let ok = true;
  for (const chunk of state.held) if (!sink.write(chunk)) ok = false;
  state.held = [];
  socket.on('end', () => sink.end());
  if (ok) socket.resume();
  else sink.once('drain', state.resume);
  return true;
}
