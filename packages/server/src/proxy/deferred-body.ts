/**
 * A request body that starts reading its source only when the consumer first reads: the proxy
 * hands a fresh one to each connection attempt, so an attempt whose dial fails (undici destroys
 * the body it was given) leaves the client's request stream untouched for the next node.
 */
import { Readable } from 'node:stream';

export class DeferredBody extends Readable {
  readonly #source: Readable;
  #started = false;

  constructor(source: Readable) {
    super();
    this.#source = source;
  }

  /** Whether any byte of the source may have been consumed (no retry on another node then). */
  get started(): boolean {
    return this.#started;
  }

  readonly #onData = (chunk: Buffer): void => {
    if (!this.push(chunk)) this.#source.pause();
  };
  readonly #onEnd = (): void => {
    this.push(null);
  };
  readonly #onError = (err: Error): void => {
    this.destroy(err);
  };

  override _read(): void {
    if (!this.#started) {
      this.#started = true;
      this.#source.on('data', this.#onData);
      this.#source.once('end', this.#onEnd);
      this.#source.once('error', this.#onError);
    }
    this.#source.resume();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#source.off('data', this.#onData);
    this.#source.off('end', this.#onEnd);
    this.#source.off('error', this.#onError);
    callback(err);
  }
}
