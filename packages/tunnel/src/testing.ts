/**
 * Real loopback helpers for other packages' tests (`@drover/tunnel/testing`): a TCP echo
 * server, an HTTP CONNECT proxy, a tunnel endpoint and a throw-away PKI. Not for production code.
 */
export { startConnectProxy, startEchoServer, startTunnelEndpoint, testPki, type TestPki, type TunnelEndpoint } from './test-support/servers.ts';
