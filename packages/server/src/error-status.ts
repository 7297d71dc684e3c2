/**
 * The one rendering of failures: any thrown value becomes a Kubernetes Status with a Drover code,
 * sent the same way by every route (fastify error handlers, hooks that answer early) and by the
 * upgrade paths (a refusal written on the raw socket before the WebSocket handshake).
 *
 * Two forms of body, chosen by the caller's audience, never by the error:
 *  - `kube`: exactly what kube-apiserver would send (the resource API; kubectl words its
 *    messages from `details`, so nothing is added);
 *  - `drover`: Drover's own endpoints (login, registration, the agent tunnel, authentication
 *    failures) also put the code first in `details.causes[].reason`, for clients that read
 *    only the body.
 * Either way the code travels in the `Drover-Error-Code` header.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DroverError, statusOf } from './errors.ts';
import type { DroverErrorCode, KubeStatus } from './errors.ts';
import { fromStoreError } from './errors-kube.ts';

/** Who reads the Status: kubectl (`kube`) or Drover's own clients (`drover`). */
export type StatusForm = 'kube' | 'drover';

/** A failure as it leaves the server. */
export interface RenderedError {
  status: KubeStatus;
  /** The Drover code (`Drover-Error-Code`). */
  code: DroverErrorCode;
  /** A 5xx: log it (the message of an unexpected error is never sent). */
  internal: boolean;
  /** The `Retry-After` header (429, 503), when the error says when to retry. */
  retryAfterSeconds?: number;
}

/** Codes for framework errors (body parser, router) by HTTP status; anything else 4xx is a BadRequest. */
const FRAMEWORK_CODES: Partial<Record<number, DroverErrorCode>> = {
  405: 'DROVER_ERR_API_METHOD_NOT_ALLOWED',
  406: 'DROVER_ERR_API_NOT_ACCEPTABLE',
  413: 'DROVER_ERR_API_TOO_LARGE',
  415: 'DROVER_ERR_API_UNSUPPORTED_MEDIA_TYPE',
  429: 'DROVER_ERR_AUTH_RATE_LIMITED',
};

/** A DroverError for any thrown value: StoreErrors mapped, framework 4xx kept, the rest internal. */
export function asDroverError(err: unknown): DroverError {
  const mapped = fromStoreError(err, { plural: 'objects', group: '', kind: '' });
  if (mapped !== undefined) return mapped;
  const e = err as Partial<FastifyError> | null;
  if (err instanceof Error && typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new DroverError(FRAMEWORK_CODES[e.statusCode] ?? 'DROVER_ERR_API_BAD_REQUEST', err.message, { cause: err });
  }
  return new DroverError('DROVER_ERR_INTERNAL', 'Internal error occurred', { cause: err });
}

/** Any thrown value → its Status, code and whether it is the server's own failure. */
export function toStatus(err: unknown, form: StatusForm = 'kube'): RenderedError {
  const d = asDroverError(err);
  let details = d.details;
  if (form === 'drover') details = { ...details, causes: [{ reason: d.code, message: d.message }, ...(details?.causes ?? [])] };
  const status = statusOf(d.statusCode, d.reason, d.message, details);
  const out: RenderedError = { status, code: d.code, internal: d.statusCode >= 500 };
  if (d.retryAfterSeconds !== undefined) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function headersOf(r: RenderedError): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json', 'drover-error-code': r.code };
  if (r.status.code === 401) h['www-authenticate'] = 'Bearer realm="drover"';
  if (r.retryAfterSeconds !== undefined) h['retry-after'] = String(r.retryAfterSeconds);
  return h;
}

/** Sends `err` as a Status on a fastify reply (error handlers and hooks that answer early). */
export function sendStatus(reply: FastifyReply, err: unknown, form: StatusForm = 'drover'): FastifyReply {
  const r = toStatus(err, form);
  return reply.code(r.status.code).headers(headersOf(r)).send(r.status);
}

/** A fastify error handler that logs internal failures and sends every error as a Status. */
export function statusErrorHandler(form: StatusForm): (err: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  return (err, request, reply) => {
    if (toStatus(err, form).internal) request.log.error({ err }, 'request failed');
    return sendStatus(reply, err, form);
  };
}

/** Writes `err` as an HTTP error with a Status body on a socket not yet upgraded, then ends it. */
export function refuseUpgrade(socket: Duplex, err: unknown): void {
  if (socket.destroyed || !socket.writable) return;
  const r = toStatus(err, 'drover');
  const body = JSON.stringify(r.status);
  const lines = [`HTTP/1.1 ${r.status.code} ${STATUS_CODES[r.status.code] ?? 'Error'}`];
  for (const [k, v] of Object.entries(headersOf(r))) lines.push(`${k}: ${v}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close');
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
