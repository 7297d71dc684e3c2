/** What the load generator and the target agree on. */

/** Sent by the sink and source ports as soon as they accept: proves the path (through the tunnel: the agent's dial) is up. */
export const READY = Buffer.from('R');
/** Size of each write of the bulk tests. */
export const CHUNK_BYTES = 64 * 1024;
/** Ping-pong message size of the RTT test. */
export const PING_BYTES = 64;
/** Body size of the HTTP target. */
export const HTTP_BODY_BYTES = 1024;

/** The target's ports, by mode. */
export interface TargetPorts {
  /** Reads and discards; answers the client's FIN with the byte count (u64 BE) and its own FIN. */
  sink: number;
  /** Waits for a u32 BE duration in ms, writes 64 KiB chunks for that long, then a u64 BE byte count and FIN. */
  source: number;
  /** Echoes everything. */
  echo: number;
  /** node:http, GET → 200 with a 1 KiB JSON body. */
  http: number;
}

export type PortName = keyof TargetPorts;
export const PORT_NAMES: readonly PortName[] = ['sink', 'source', 'echo', 'http'];
