/**
 * Real loopback helpers for other packages' tests (`@drover/tunnel/testing`): a TCP echo
 * server, an HTTP CONNECT proxy, a tunnel endpoint, a throw-away PKI and a hand-driven peer that
 * sends crafted frames. Not for production code.
 */
export { startConnectProxy, startEchoServer, startTunnelEndpoint, testPki, type TestPki, type TunnelEndpoint } from './test-support/servers.ts';
export { rawPeer, type RawPeer } from './test-support/raw-peer.ts';
