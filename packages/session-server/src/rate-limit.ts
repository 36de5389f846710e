/** Fixed-window counter of new connections per address. */
export class RateLimiter {
  private window = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly perMinute: number,
    windowMs = 60_000,
  ) {
    this.timer = setInterval(() => this.window.clear(), windowMs);
    this.timer.unref();
  }

  /** Counts one attempt; false when the address is over its limit. */
  take(key: string): boolean {
    const count = (this.window.get(key) ?? 0) + 1;
    this.window.set(key, count);
    return count <= this.perMinute;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
