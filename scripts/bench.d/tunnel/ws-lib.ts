/**
 * `ws` is a dependency of packages/tunnel, not of the workspace root, so the
 * benchmark loads it from there (the lead may add it to the root later).
 */
import { createRequire } from 'node:module';
import type { WebSocket as WsWebSocket, WebSocketServer as WsWebSocketServer } from 'ws';

const requireFromTunnel = createRequire(new URL('../../../packages/tunnel/package.json', import.meta.url));

export const { WebSocket, WebSocketServer } = requireFromTunnel('ws') as {
  WebSocket: typeof WsWebSocket;
  WebSocketServer: typeof WsWebSocketServer;
};
