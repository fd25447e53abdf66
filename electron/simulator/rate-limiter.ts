/**
 * Sliding-window limiter: at most `limit` accepted requests per key in any `windowMs` span of the
 * simulator clock (CCC: 20 per second per action per account). Rejected requests do not count.
 */
export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  /** Records a request at `nowMs` and says whether it is within the limit. */
  tryAcquire(key: string, nowMs: number): boolean {
    const list = this.hits.get(key) ?? [];
    // Keep only hits inside the window ending now (a clock that went back drops everything later).
    const recent = list.filter((t) => t > nowMs - this.windowMs && t <= nowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return true;
  }
}
