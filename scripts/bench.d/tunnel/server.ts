/**
 * The tunnel server process: accepts the agent's WebSocket (ws:// on
 * node:http or wss:// on node:https), runs a server-role Session on it, and
 * listens on one plain TCP port per target port. Each accepted TCP connection
 * becomes a stream opened through the agent to that target port, bridged
 * both ways.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { Session, WebSocketTransport, bridge, tcpTarget } from '@drover/tunnel';
import { makeTestCert } from './cert.ts';
import { PORT_NAMES, type TargetPorts } from './protocol.ts';
import { profilerHandlers } from './inspector-prof.ts';
import { serve } from './rpc.ts';
import { WebSocketServer } from 'ws';

export interface ServerInit {
  tls: boolean;
  target: TargetPorts;
}

export interface ServerInfo {
  url: string;
  /** The tunnel's TCP listeners, by target port name. */
  listeners: TargetPorts;
  caPem?: string;
  certSource?: string;
}

let session: Session | undefined;
/** Sessions that reached ready so far; a newer agent session replaces the older one. */
let readySessions = 0;
let sessionWaiters: (() => void)[] = [];
const counters = { sessions: 0, accepted: 0, openFailures: 0, openFailureSample: '' };

function listen(server: Server | HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no address'));
      resolve(addr.port);
    });
  });
}

/** One TCP client of the tunnel: open a stream to `port` through the agent and bridge. */
function onClient(socket: Socket, port: number): void {
  counters.accepted++;
  const current = session;
  if (current === undefined || current.state !== 'open') {
    socket.destroy();
    return;
  }
  const abort = new AbortController();
  const onEarlyClose = () => abort.abort();
  socket.once('error', onEarlyClose);
  socket.once('close', onEarlyClose);
  const failed = (err: Error) => {
    counters.openFailures++;
    counters.openFailureSample ||= err.message;
    socket.destroy();
  };
  // early: the stream comes back at once and the client's first bytes follow the Open
  // without waiting for OpenOk (ADR 0020); a failed open then surfaces as the stream's error.
  current.openStream(tcpTarget('127.0.0.1', port), { signal: abort.signal, early: true }).then(
    (stream) => {
      socket.off('error', onEarlyClose);
      socket.off('close', onEarlyClose);
      if (socket.destroyed) {
        stream.destroy();
        return;
      }
      if (stream.state === 'opening') stream.once('error', (err) => stream.state === 'opening' && failed(err));
      bridge(stream, socket);
    },
    failed,
  );
}

serve({
  ...profilerHandlers,
  async init(p: ServerInit): Promise<ServerInfo> {
    const cert = p.tls ? await makeTestCert() : undefined;
    const web = cert ? createHttpsServer({ cert: cert.certPem, key: cert.keyPem }) : createHttpServer();
    const wss = new WebSocketServer({ server: web, perMessageDeflate: false, maxPayload: 1024 * 1024 });
    wss.on('connection', (ws) => {
      const s = new Session(new WebSocketTransport(ws), { role: 'server' }).start();
      counters.sessions++;
      s.ready().then(
        () => {
          session?.destroy();
          session = s;
          readySessions++;
          for (const w of sessionWaiters) w();
          sessionWaiters = [];
        },
        () => undefined,
      );
      void s.closed.then(() => {
        if (session === s) session = undefined;
      });
    });
    const wsPort = await listen(web);
    const listeners = {} as TargetPorts;
    for (const name of PORT_NAMES) {
      const targetPort = p.target[name];
      listeners[name] = await listen(createServer({ allowHalfOpen: true, noDelay: true }, (socket) => onClient(socket, targetPort)));
    }
    return { url: `${cert ? 'wss' : 'ws'}://127.0.0.1:${wsPort}/tunnel`, listeners, caPem: cert?.caPem, certSource: cert?.source };
  },

  /** Resolves once the `count`-th agent session is ready (and is the current one). */
  async waitSession(p: { count: number }): Promise<null> {
    while (readySessions < p.count) await new Promise<void>((resolve) => sessionWaiters.push(resolve));
    return null;
  },

  stats: () => ({
    ...counters,
    openStreams: session?.openStreams ?? 0,
    pendingOpens: session?.pendingOpens ?? 0,
    committedBytes: session?.committedBytes ?? 0,
    state: session?.state ?? 'none',
  }),
});
