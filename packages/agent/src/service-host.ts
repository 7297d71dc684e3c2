/**
 * The agent's end of the command channel (proto/drover/v1/agent.proto, docs/adr/0012): a tunnel
 * service handler that decodes the server's requests, runs the handler for each request type,
 * and answers with events and exactly one final message per request.
 *
 *   const serve = createServiceHost({ getStatus: async () => ({ status: await host.read() }) }, { log });
 *   new TunnelClient({ ..., session: { services: new Map([[AGENT_CHANNEL_SERVICE, serve]]) } });
 *
 * A request type without a handler (or one this build does not know) is answered
 * Failure(FAILURE_UNSUPPORTED); a Cancel aborts the handler's signal and the request ends with
 * Failure(FAILURE_CANCELLED); the stream's end aborts every running handler.
 */
import type { Duplex } from 'node:stream';
import { AGENT_CHANNEL_MAX_MESSAGE_BYTES, agentChannel } from '@drover/protocol';
import type { AgentMessageProps, DecodedAgentRequest, FailureDetailProps } from '@drover/protocol';
import { MessageStream, TunnelError, TunnelErrorCodes } from '@drover/tunnel';
import type { ServiceHandler } from '@drover/tunnel';

const { AgentMessage, AgentRequest, FailureCode } = agentChannel;

/** What a request handler answers with (no id: the host sets it). */
export type ReplyBody = Omit<AgentMessageProps, 'id'>;

export interface RequestContext {
  readonly id: number;
  /** Aborted when the server cancels the request or the channel ends. */
  readonly signal: AbortSignal;
  /** Sends an event (progress, watched status) for this request; ignored once it ended. */
  emit(event: ReplyBody): void;
}

/** Runs one request; resolves with its final reply, or throws (see {@link CommandFailure}). */
export type RequestHandler = (request: DecodedAgentRequest, ctx: RequestContext) => Promise<ReplyBody>;

/** Request types (AgentRequest's body oneof, Cancel aside) and their handlers. */
export type RequestHandlers = Partial<Record<Exclude<NonNullable<DecodedAgentRequest['body']>, 'cancel'>, RequestHandler>>;

/** Thrown by a handler to fail its request with a specific FailureCode. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  readonly failureCode: number;
  /** What failed (ApplyPlan: the container and its last log lines). */
  readonly detail: FailureDetailProps | undefined;
  constructor(failureCode: number, message: string, options?: { cause?: unknown; detail?: FailureDetailProps }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.failureCode = failureCode;
    this.detail = options?.detail;
  }
}

export interface ServiceHostOptions {
  log: { warn(obj: object, msg: string): void; debug(obj: object, msg: string): void };
  /** Requests running at once per channel; more are answered Failure(FAILURE_BUSY). Default 64. */
  maxRunning?: number;
}

/** A ServiceHandler serving the command channel with `handlers`; every accepted stream is one channel. */
export function createServiceHost(handlers: RequestHandlers, options: ServiceHostOptions): ServiceHandler {
  return (stream: Duplex) => serveChannel(stream, handlers, options);
}

function serveChannel(stream: Duplex, handlers: RequestHandlers, options: ServiceHostOptions): void {
  const maxRunning = options.maxRunning ?? 64;
  const running = new Map<number, AbortController>();
  const send = (message: AgentMessageProps): void => void messages.send(AgentMessage.encode(message).finish());
  const fail = (id: number, code: number, message: string, detail?: FailureDetailProps): void => send({ id, failure: { code, message, ...(detail === undefined ? {} : { detail }) } });
  const onClose = (err: Error | undefined): void => {
    if (err !== undefined) options.log.debug({ err: err.message }, 'agent command channel ended');
    for (const c of running.values()) c.abort(new Error('the command channel ended'));
    running.clear();
  };
  const onMessage = (bytes: Buffer): void => {
    let request: DecodedAgentRequest;
    try {
      request = AgentRequest.decode(bytes);
    } catch (err) {
      messages.destroy(new TunnelError(TunnelErrorCodes.PROTOCOL, `undecodable command channel request: ${(err as Error).message}`, { cause: err }));
      return;
    }
    const { id, body } = request;
    if (body === 'cancel') {
      running.get(id)?.abort(new Error('cancelled by the server'));
      return;
    }
    if (id === 0 || running.has(id)) {
      // Ids are the server's to keep unique: a reuse is a bug there, and the channel cannot go on.
      messages.destroy(new TunnelError(TunnelErrorCodes.PROTOCOL, `command channel request id ${id} is ${id === 0 ? 'reserved' : 'already running'}`));
      return;
    }
    const handler = body === undefined ? undefined : handlers[body];
    if (handler === undefined) return fail(id, FailureCode.FAILURE_UNSUPPORTED, `this agent does not serve ${body ?? 'that request (unknown to this version)'}`);
    if (running.size >= maxRunning) return fail(id, FailureCode.FAILURE_BUSY, `${running.size} requests already running (limit ${maxRunning})`);
    const controller = new AbortController();
    running.set(id, controller);
    const ctx: RequestContext = {
      id,
      signal: controller.signal,
      emit: (event) => {
        if (running.get(id) === controller) send({ ...event, id });
      },
    };
    handler(request, ctx).then(
      (reply) => send({ ...reply, id }),
      (err: unknown) => {
        if (controller.signal.aborted) return fail(id, FailureCode.FAILURE_CANCELLED, String((controller.signal.reason as Error | undefined)?.message ?? 'cancelled'));
        if (err instanceof CommandFailure) return fail(id, err.failureCode, err.message, err.detail);
        options.log.warn({ err, request: body }, 'command channel request failed');
        fail(id, FailureCode.FAILURE_INTERNAL, (err as Error).message);
      },
    ).finally(() => {
      if (running.get(id) === controller) running.delete(id);
    });
  };
  const messages = new MessageStream(stream, { maxMessageBytes: AGENT_CHANNEL_MAX_MESSAGE_BYTES }, { onMessage, onClose });
}
