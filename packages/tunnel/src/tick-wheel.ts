/**
 * Repeating per-session work (a session's heartbeat tick and stream sync) driven by one timer per period
 * for the whole process instead of one per session. A wheel of SLOTS slots turns once per period;
 * each registration sits in a random slot, so sessions that came up together (a reconnect storm)
 * do not ping in step (a sweep of 19,500 at once took ~0.5 s), and each runs once per period.
 *
 * 19,500 sessions held two Node intervals each (39,000 Timeout objects and their closures, and a
 * timer list walk per fire); the wheel holds one Set entry per registration and wakes SLOTS times
 * a period (issue 15). A wheel with nothing registered stops its timer and is dropped. It holds
 * objects with an `onPeriod` method, not closures: a closure and a stop function per registration
 * were ~0.5 KB of every idle session (ADR 0029).
 */

const SLOTS = 64;

/** What a wheel runs once a period: an object's method, so a registration costs no closure. */
export interface Periodic {
  onPeriod(): void;
}

class TickWheel {
  readonly #slots: Set<Periodic>[] = Array.from({ length: SLOTS }, () => new Set());
  readonly #timer: NodeJS.Timeout;
  readonly #onEmpty: () => void;
  #cursor = 0;
  #size = 0;

  constructor(periodMs: number, onEmpty: () => void) {
    this.#onEmpty = onEmpty;
    this.#timer = setInterval(() => this.#step(), Math.max(1, periodMs / SLOTS)).unref();
  }

  /** Registers `item` in a random slot; returns the slot. */
  add(item: Periodic): number {
    const slot = Math.floor(Math.random() * SLOTS);
    this.#slots[slot]!.add(item);
    this.#size++;
    return slot;
  }

  /** False when `item` was not in `slot`. True when the wheel is now empty (its timer stopped). */
  delete(item: Periodic, slot: number): boolean {
    if (this.#slots[slot]?.delete(item) !== true) return false;
    if (--this.#size > 0) return false;
    clearInterval(this.#timer);
    this.#onEmpty();
    return true;
  }

  #step(): void {
    this.#cursor = (this.#cursor + 1) % SLOTS;
    // A throw is uncaught, as from a timer of its own (the callers do not throw).
    for (const item of this.#slots[this.#cursor]!) item.onPeriod();
  }
}

const wheels = new Map<number, TickWheel>();

/**
 * Runs `item.onPeriod()` once every `periodMs`, the first time after a random part of it, until
 * {@link stopPeriod} with the slot returned. Register an item once per period. The timer does
 * not keep the process alive.
 */
export function everyPeriod(periodMs: number, item: Periodic): number {
  let wheel = wheels.get(periodMs);
  if (wheel === undefined) {
    wheel = new TickWheel(periodMs, () => wheels.delete(periodMs));
    wheels.set(periodMs, wheel);
  }
  return wheel.add(item);
}

/** Ends a registration of {@link everyPeriod}; stopping twice is harmless. */
export function stopPeriod(periodMs: number, item: Periodic, slot: number): void {
  wheels.get(periodMs)?.delete(item, slot);
}

/** Wheels (timers) running now: one per period in use. */
export function activeWheels(): number {
  return wheels.size;
}
