/**
 * A plain TCP relay (accept → connect upstream → pipe both ways), for the
 * optional --relay floor: two of them in a row give the same process topology
 * as the tunnel (client → server process → agent process → target) with no
 * WebSocket, framing or flow control. What the tunnel cannot beat in Node.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { PORT_NAMES, type TargetPorts } from './protocol.ts';
import { serve } from './rpc.ts';

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no address'));
      resolve(addr.port);
    });
  });
}

function relay(client: Socket, port: number): void {
  const upstream = connect({ host: '127.0.0.1', port, noDelay: true, allowHalfOpen: true });
  client.pipe(upstream);
  upstream.pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => {
    if (!(client.readableEnded && client.writableFinished)) upstream.destroy();
  });
  upstream.on('close', () => {
    if (!(upstream.readableEnded && upstream.writableFinished)) client.destroy();
  });
}

serve({
  async init(p: { upstream: TargetPorts }): Promise<TargetPorts> {
    const listeners = {} as TargetPorts;
    for (const name of PORT_NAMES) {
      const port = p.upstream[name];
      listeners[name] = await listen(createServer({ allowHalfOpen: true, noDelay: true }, (socket) => relay(socket, port)));
    }
    return listeners;
  },
});
