/**
 * The node's default address (protocol §2): the local address of the interface that routes
 * to the server. A connected UDP socket makes the kernel pick the route; no packet is sent.
 */
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** The source address the kernel would use toward host:port, or undefined when it has no route or name. */
export function routeAddress(host: string, port: number): Promise<string | undefined> {
  const bare = host.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = createSocket(isIP(bare) === 6 ? 'udp6' : 'udp4');
    const done = (value: string | undefined) => {
      socket.close();
      resolve(value);
    };
    socket.once('error', () => done(undefined));
    socket.connect(port, bare, () => {
      try {
        done(socket.address().address);
      } catch {
        done(undefined);
      }
    });
  });
}

/** First non-internal IPv4 address of this host, the last resort. */
export function firstExternalAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** Tries the server, then the proxy (the server's name may resolve only there), then any interface. */
export async function defaultAddress(server: URL, proxy: URL | undefined): Promise<string | undefined> {
  const viaServer = await routeAddress(server.hostname, Number(server.port) || 443);
  if (viaServer) return viaServer;
  if (proxy) {
    const viaProxy = await routeAddress(proxy.hostname, Number(proxy.port) || 80);
    if (viaProxy) return viaProxy;
  }
  return firstExternalAddress();
}
