/**
 * Repeating per-session work (the heartbeat tick, the stream sync) driven by one timer per period
 * for the whole process instead of one per session. A wheel of SLOTS slots turns once per period;
 * each registration sits in a random slot, so sessions that came up together (a reconnect storm)
 * do not ping in step (a sweep of 19,500 at once took ~0.5 s), and each runs once per period.
 *
 * 19,500 sessions held two Node intervals each (39,000 Timeout objects and their closures, and a
 * timer list walk per fire); the wheel holds one Set entry per registration and wakes SLOTS times
 * a period (issue 15). A wheel with nothing registered stops its timer and is dropped.
 */

const SLOTS = 64;

class TickWheel {
  readonly #slots: Set<() => void>[] = Array.from({ length: SLOTS }, () => new Set());
  readonly #timer: NodeJS.Timeout;
  readonly #onEmpty: () => void;
  #cursor = 0;
  #size = 0;

  constructor(periodMs: number, onEmpty: () => void) {
    this.#onEmpty = onEmpty;
    this.#timer = setInterval(() => this.#step(), Math.max(1, periodMs / SLOTS)).unref();
  }

  add(fn: () => void): () => void {
    const slot = this.#slots[Math.floor(Math.random() * SLOTS)]!;
    slot.add(fn);
    this.#size++;
    return () => {
      if (!slot.delete(fn)) return;
      if (--this.#size === 0) {
        clearInterval(this.#timer);
        this.#onEmpty();
      }
    };
  }

  #step(): void {
    this.#cursor = (this.#cursor + 1) % SLOTS;
    // A throw is uncaught, as from a timer of its own (the callers do not throw).
    for (const fn of this.#slots[this.#cursor]!) fn();
  }
}

const wheels = new Map<number, TickWheel>();

/**
 * Runs `fn` once every `periodMs`, the first time after a random part of it, until the returned
 * function is called. Register a function once per period (a fresh closure each time). The timer
 * does not keep the process alive.
 */
export function everyPeriod(periodMs: number, fn: () => void): () => void {
  let wheel = wheels.get(periodMs);
  if (wheel === undefined) {
    wheel = new TickWheel(periodMs, () => wheels.delete(periodMs));
    wheels.set(periodMs, wheel);
  }
  return wheel.add(fn);
}

/** Wheels (timers) running now: one per period in use. */
export function activeWheels(): number {
  return wheels.size;
}
