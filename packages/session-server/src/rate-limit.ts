/**
 * Fixed-window counters per key (an address, a session): new connections,
 * wrong admin keys, session creation, invites. Every window ends at the same
 * moment for all keys, so the memory is one map entry per key that was seen
 * in the current minute.
 */
export class RateLimiter {
  private window = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;
  private windowEndsAt: number;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
  ) {
    this.windowEndsAt = Date.now() + windowMs;
    this.timer = setInterval(() => {
      this.window.clear();
      this.windowEndsAt = Date.now() + windowMs;
    }, windowMs);
    this.timer.unref();
  }

  /** Counts one attempt; false when the key is over its limit. */
  take(key: string): boolean {
    const count = (this.window.get(key) ?? 0) + 1;
    this.window.set(key, count);
    return count <= this.perWindow;
  }

  /** True when the key has used up its window, without counting anything. */
  exhausted(key: string): boolean {
    return (this.window.get(key) ?? 0) >= this.perWindow;
  }

  /** Whole seconds until the window starts afresh: the `Retry-After` to give. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.windowEndsAt - Date.now()) / 1000));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
