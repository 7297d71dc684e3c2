/**
 * The server's end of an agent command channel (proto/drover/v1/agent.proto, docs/adr/0012):
 * requests with ids over one tunnel stream to the agent's "drover.agent.v1" service.
 *
 *   const channel = new AgentChannel(await session.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)));
 *   const status = await channel.getStatus({ timeoutMs: 10_000 });
 *   void channel.watchStatus((s) => apply(s), { signal });
 *   channel.watch(watcher); // the same, held by the channel for the session's life (node-channel.ts)
 *
 * Every request ends exactly once: its reply, the agent's Failure (COMMAND_FAILED), the
 * caller's abort (COMMAND_CANCELLED) or timeout (COMMAND_TIMEOUT) — both also send Cancel —, or
 * the channel's end (CHANNEL_CLOSED). Nothing is retried here: the caller asks again on a new
 * channel, and never assumes a request whose answer it did not get took effect.
 */
import type { Duplex } from 'node:stream';
import { AGENT_CHANNEL_MAX_MESSAGE_BYTES, agentChannel } from '@drover/protocol';
import type { AgentRequestProps, AgentStatusProps, ApplyPlanProps, DecodedAgentMessage, PlanAppliedProps } from '@drover/protocol';
import { MessageStream, TunnelError, TunnelErrorCodes, type MessageHandler } from '@drover/tunnel';
import { DroverError } from '../errors.ts';
import type { DroverErrorCode } from '../errors.ts';

const { AgentMessage, AgentRequest, FailureCode } = agentChannel;

/** Bounds of one channel. */
export interface AgentChannelLimits {
  /** Requests awaiting their final answer at once; more fail with CHANNEL_BUSY. */
  maxPending: number;
  /** Default wait for a request's final answer (WatchStatus has none), ms. */
  requestTimeoutMs: number;
}

export const DEFAULT_CHANNEL_LIMITS: Readonly<AgentChannelLimits> = Object.freeze({ maxPending: 64, requestTimeoutMs: 30_000 });

/** The agent answered with a Failure: `agentCode` is its FailureCode name (FAILURE_DOCKER, ...). */
export class AgentCommandError extends DroverError {
  readonly agentCode: string;
  /** The Failure's detail when the agent gave one (ApplyPlan: the container and its log tail). */
  readonly detail: { container: string; logTail: string[] } | undefined;
  constructor(agentCode: string, message: string, detail?: { container: string; logTail: string[] }) {
    super('DROVER_ERR_NODE_COMMAND_FAILED', message);
    this.agentCode = agentCode;
    this.detail = detail;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Default: limits.requestTimeoutMs; 0 waits forever (a watch). */
  timeoutMs?: number;
  /** Events (progress, watched status) before the final answer. */
  onEvent?: (message: DecodedAgentMessage) => void;
}

type RequestBody = Omit<AgentRequestProps, 'id'>;

interface Pending {
  /** True when `status` is this request's final reply (GetStatus), false when it is an event (WatchStatus). */
  readonly statusIsFinal: boolean;
  onEvent: ((message: DecodedAgentMessage) => void) | undefined;
  resolve(message: DecodedAgentMessage): void;
  reject(err: Error): void;
}

/** What {@link AgentChannel.watch} reports to. */
export interface StatusWatcher {
  /** The agent's status: at once, then after every change. */
  onStatus(status: AgentStatusProps): void;
  /** The watch ended: the channel closed (CHANNEL_CLOSED) or the agent failed it (COMMAND_FAILED). */
  onWatchEnd(err: Error): void;
}

/**
 * A WatchStatus held for a session's life. With 19,500 idle agents every byte of it counts
 * (issue 15): no promise, timer or closure, where a request() costs five closures, a promise
 * and the awaiting functions' contexts (~2 KB per session).
 */
class StatusWatch implements Pending {
  readonly #watcher: StatusWatcher;
  constructor(watcher: StatusWatcher) {
    this.#watcher = watcher;
  }
  get statusIsFinal(): boolean {
    return false;
  }
  onEvent(m: DecodedAgentMessage): void {
    if (m.status != null) this.#watcher.onStatus(m.status);
  }
  resolve(): void {
    // A watch has no final answer (#onMessage resolves on a status only when statusIsFinal).
  }
  reject(err: Error): void {
    this.#watcher.onWatchEnd(err);
  }
}

export class AgentChannel {
  readonly #messages: MessageStream;
  readonly #limits: Readonly<AgentChannelLimits>;
  /** Requests awaiting their answer, and watches after the first; made by the first. */
  #pending: Map<number, Pending> | undefined;
  /** The channel's first watch, held apart: an idle agent's channel then needs no Map (~0.2 KB). */
  #watch: StatusWatch | undefined;
  #watchId = 0;
  #nextId = 1;
  #closeError: Error | undefined;
  #isClosed = false;
  #closed: { promise: Promise<Error | undefined>; resolve(err: Error | undefined): void } | undefined;

  /** The message stream's handler: an object holding the channel (no closures per channel). */
  static readonly #Handler = class implements MessageHandler {
    readonly c: AgentChannel;
    constructor(c: AgentChannel) {
      this.c = c;
    }
    onMessage(bytes: Buffer): void {
      this.c.#onMessage(bytes);
    }
    onClose(err: Error | undefined): void {
      this.c.#onClose(err);
    }
  };

  constructor(stream: Duplex, limits: Partial<AgentChannelLimits> = {}) {
    this.#limits = Object.keys(limits).length === 0 ? DEFAULT_CHANNEL_LIMITS : { ...DEFAULT_CHANNEL_LIMITS, ...limits };
    this.#messages = new MessageStream(stream, { maxMessageBytes: AGENT_CHANNEL_MAX_MESSAGE_BYTES }, new AgentChannel.#Handler(this));
  }

  /** True once the channel has ended. */
  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Requests awaiting their final answer. */
  get pending(): number {
    return (this.#pending?.size ?? 0) + (this.#watch === undefined ? 0 : 1);
  }

  /** GetStatus: the agent's status now. */
  async getStatus(options: Omit<RequestOptions, 'onEvent'> = {}): Promise<AgentStatusProps> {
    const reply = await this.request({ getStatus: {} }, options);
    return reply.status ?? {};
  }

  /**
   * WatchStatus: `onStatus` gets the agent's status at once and after every change, until
   * `signal` aborts (resolves) or the channel ends (rejects with CHANNEL_CLOSED).
   */
  async watchStatus(onStatus: (status: AgentStatusProps) => void, options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      await this.request({ watchStatus: {} }, { ...options, timeoutMs: 0, onEvent: (m) => m.status && onStatus(m.status) });
    } catch (err) {
      if (err instanceof DroverError && err.code === 'DROVER_ERR_NODE_COMMAND_CANCELLED' && options.signal?.aborted === true) return;
      throw err;
    }
  }

  /**
   * WatchStatus for the channel's life, reported to `watcher` (see {@link StatusWatcher}). It is
   * not cancelled on its own: it ends with the channel. Throws CHANNEL_CLOSED or CHANNEL_BUSY
   * as a request would (synchronously).
   */
  watch(watcher: StatusWatcher): void {
    if (this.#isClosed) throw this.#closedError();
    const busy = this.#busyError();
    if (busy !== undefined) throw busy;
    const id = this.#nextId++;
    if (this.#watch === undefined) {
      this.#watch = new StatusWatch(watcher);
      this.#watchId = id;
    } else (this.#pending ??= new Map<number, Pending>()).set(id, new StatusWatch(watcher));
    this.#send({ watchStatus: {}, id });
  }

  /**
   * ApplyPlan: resolves with what the agent did; `onProgress` gets its progress events. Pulls can
   * take minutes: callers pass a generous `timeoutMs`.
   */
  async applyPlan(body: ApplyPlanProps, options: Omit<RequestOptions, 'onEvent'> & { onProgress?: (message: string, done: number, total: number) => void } = {}): Promise<PlanAppliedProps> {
    const { onProgress, ...rest } = options;
    const reply = await this.request({ applyPlan: body }, { ...rest, onEvent: (m) => m.progress && onProgress?.(m.progress.message ?? '', m.progress.done ?? 0, m.progress.total ?? 0) });
    return reply.planApplied ?? {};
  }

  /** ContainerLogs: the last `tail` lines of a managed container's log. */
  async containerLogs(name: string, tail: number, options: Omit<RequestOptions, 'onEvent'> = {}): Promise<string[]> {
    const reply = await this.request({ containerLogs: { name, tail } }, options);
    return reply.containerLogs?.lines ?? [];
  }

  /** Sends a request; resolves with its final answer (see the file comment for how it can end). */
  request(body: RequestBody, options: RequestOptions = {}): Promise<DecodedAgentMessage> {
    const { signal } = options;
    if (this.#isClosed) return Promise.reject(this.#closedError());
    if (signal?.aborted === true) return Promise.reject(new DroverError('DROVER_ERR_NODE_COMMAND_CANCELLED', 'the request was aborted before it was sent', { cause: signal.reason }));
    const busy = this.#busyError();
    if (busy !== undefined) return Promise.reject(busy);
    const id = this.#nextId++;
    const what = requestName(body);
    return new Promise<DecodedAgentMessage>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#limits.requestTimeoutMs;
      const timer = timeoutMs > 0 ? setTimeout(() => giveUp('DROVER_ERR_NODE_COMMAND_TIMEOUT', `no answer to ${what} within ${timeoutMs} ms`), timeoutMs) : undefined;
      const onAbort = (): void => giveUp('DROVER_ERR_NODE_COMMAND_CANCELLED', `${what} aborted`, signal?.reason);
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending?.delete(id);
        if (this.#pending?.size === 0) this.#pending = undefined;
      };
      const giveUp = (code: DroverErrorCode, message: string, cause?: unknown): void => {
        if (this.#pending?.has(id) !== true) return;
        settle();
        this.#send({ id, cancel: {} });
        reject(new DroverError(code, message, cause === undefined ? undefined : { cause }));
      };
      (this.#pending ??= new Map<number, Pending>()).set(id, {
        statusIsFinal: body.watchStatus == null,
        onEvent: options.onEvent,
        resolve: (m) => {
          settle();
          resolve(m);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#send({ ...body, id });
    });
  }

  /** Ends the channel: our side half-closes; pending requests fail with CHANNEL_CLOSED once the agent ends too. */
  end(): void {
    this.#messages.end();
  }

  /** Ends the channel now. */
  destroy(err?: Error): void {
    this.#messages.destroy(err);
  }

  /** Resolves when the channel has ended, with the stream's error (undefined after a clean end). */
  get closed(): Promise<Error | undefined> {
    // Made when first asked for: the server's idle channels never ask (~0.2 KB each, issue 15).
    this.#closed ??= this.#isClosed ? { promise: Promise.resolve(this.#closeError), resolve: () => undefined } : Promise.withResolvers();
    return this.#closed.promise;
  }

  #send(request: AgentRequestProps): void {
    this.#messages.send(AgentRequest.encode(request).finish());
  }

  #onClose(err: Error | undefined): void {
    this.#isClosed = true;
    this.#closeError = err;
    const pending = [...(this.#watch === undefined ? [] : [this.#watch]), ...(this.#pending?.values() ?? [])];
    this.#watch = undefined;
    this.#pending = undefined;
    // An error costs its stack trace: a server shutdown closes 10,000 idle channels (issue 15).
    if (pending.length > 0) {
      const failure = this.#closedError();
      for (const p of pending) p.reject(failure);
    }
    this.#closed?.resolve(err);
  }

  #onMessage(bytes: Buffer): void {
    let message: DecodedAgentMessage;
    try {
      message = AgentMessage.decode(bytes);
    } catch (err) {
      this.destroy(new TunnelError(TunnelErrorCodes.PROTOCOL, `undecodable agent channel message: ${(err as Error).message}`, { cause: err }));
      return;
    }
    // A late answer to a request given up on (cancelled, timed out) is expected; drop it.
    const isWatch = this.#watch !== undefined && message.id === this.#watchId;
    const p = isWatch ? this.#watch : this.#pending?.get(message.id);
    if (p === undefined) return;
    if (message.failure != null) {
      if (isWatch) this.#watch = undefined;
      else if (this.#pending?.delete(message.id) === true && this.#pending.size === 0) this.#pending = undefined;
      const code = FailureCode[message.failure.code ?? 0] ?? `code ${String(message.failure.code)}`;
      const d = message.failure.detail;
      p.reject(new AgentCommandError(code, `the agent failed the request (${code}): ${message.failure.message ?? ''}`, d == null ? undefined : { container: d.container ?? '', logTail: d.logTail ?? [] }));
    } else if ((message.status != null && p.statusIsFinal) || message.planApplied != null || message.containerLogs != null) {
      p.resolve(message);
    } else if (message.status != null || message.progress != null) {
      p.onEvent?.(message);
    }
    // A body this build does not know (a newer agent's) is ignored.
  }

  #busyError(): DroverError | undefined {
    const n = this.pending;
    return n < this.#limits.maxPending ? undefined : new DroverError('DROVER_ERR_NODE_CHANNEL_BUSY', `${n} requests already pending on the agent channel (limit ${this.#limits.maxPending})`);
  }

  #closedError(): DroverError {
    const why = this.#closeError === undefined ? 'the agent ended it' : this.#closeError.message;
    return new DroverError('DROVER_ERR_NODE_CHANNEL_CLOSED', `the agent command channel closed before the answer (${why}); the request may or may not have run`, this.#closeError === undefined ? undefined : { cause: this.#closeError });
  }
}

function requestName(body: RequestBody): string {
  return Object.keys(body).find((k) => (body as Record<string, unknown>)[k] != null) ?? 'request';
}
