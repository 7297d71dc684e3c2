/**
 * Refusals on a socket that has not switched protocols: an HTTP/1.1 error response with a
 * Kubernetes Status body, a `Drover-Error-Code` header and `Connection: close`, then the end of
 * the socket. A client (kubectl, the agent, a browser) always learns why; never a bare close.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DroverError } from '../errors.ts';
import { statusBody } from '../errors.ts';

/** Writes `err` as an HTTP error with a Status body on a not-yet-upgraded socket, then ends it. */
export function refuseUpgrade(socket: Duplex, err: DroverError): void {
  if (socket.destroyed || !socket.writable) return;
  const body = JSON.stringify(statusBody(err));
  const lines = [
    `HTTP/1.1 ${err.statusCode} ${STATUS_CODES[err.statusCode] ?? 'Error'}`,
    'Content-Type: application/json',
    `Drover-Error-Code: ${err.code}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  if (err.statusCode === 401) lines.push('WWW-Authenticate: Bearer realm="drover"');
  if (err.retryAfterSeconds !== undefined) lines.push(`Retry-After: ${err.retryAfterSeconds}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
