/**
 * A session's repeating timers (heartbeat tick, stream sync), each first fired after a random part
 * of its interval: sessions that came up together (a reconnect storm) do not ping in step (a sweep
 * of 19,500 at once took ~0.5 s). One handle per timer: the interval takes the fired timeout's place.
 */
export class PhasedTimers {
  #handles: NodeJS.Timeout[] = [];
  #stopped = false;

  /** Runs `fn` every `ms`, the first time after a random part of `ms`. */
  every(ms: number, fn: () => void): void {
    if (this.#stopped) return;
    const slot = this.#handles.length;
    this.#handles.push(
      setTimeout(() => {
        if (this.#stopped) return;
        fn();
        this.#handles[slot] = setInterval(fn, ms).unref();
      }, Math.floor(Math.random() * ms)).unref(),
    );
  }

  /** Stops every timer; later `every` calls do nothing. */
  clear(): void {
    this.#stopped = true;
    for (const t of this.#handles) clearTimeout(t);
    this.#handles = [];
  }
}
